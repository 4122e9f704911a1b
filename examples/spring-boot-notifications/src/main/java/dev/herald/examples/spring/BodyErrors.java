package dev.herald.examples.spring;

import dev.herald.examples.spring.NotificationController.Reply;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** A body the controller cannot read is answered in the seed's shape, as its own refusals are, not in Spring's. */
@RestControllerAdvice(assignableTypes = NotificationController.class)
public class BodyErrors {

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<Reply> unreadable() {
        return ResponseEntity.badRequest().body(new Reply("error", "Request body is not valid JSON"));
    }

    @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
    ResponseEntity<Reply> notJson() {
        return ResponseEntity.status(HttpStatus.UNSUPPORTED_MEDIA_TYPE)
                .body(new Reply("error", "Content-Type must be application/json"));
    }
}
