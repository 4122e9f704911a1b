package dev.herald.examples.spring;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The seed's flask-sse application in Spring Boot: the page at {@code /}, {@code POST /send_notification}, and the
 * stream at {@code /stream}, which the Herald starter mounts by itself ({@code herald.prefix} is empty).
 */
@SpringBootApplication
public class NotificationsApplication {

    public static void main(String[] args) {
        SpringApplication.run(NotificationsApplication.class, args);
    }
}
