package dev.herald.spring;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;

/** A Spring MVC application with nothing of its own: Herald comes from the starter's auto-configuration alone. */
@SpringBootConfiguration
@EnableAutoConfiguration
public class TestApplication {
}
