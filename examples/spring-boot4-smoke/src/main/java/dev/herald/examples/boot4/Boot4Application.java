package dev.herald.examples.boot4;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/** An application with nothing of its own: Herald comes from the starter's auto-configuration. */
@SpringBootApplication
public class Boot4Application {
}
