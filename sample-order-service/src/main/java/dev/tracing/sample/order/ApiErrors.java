package dev.tracing.sample.order;

import java.util.Comparator;
import java.util.List;
import java.util.Map;

import tools.jackson.core.JacksonException;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Errors as RFC 9457 problem details. An invalid request names each offending field by its
 * JSON name: {@code {"title": "Invalid request", "status": 400, "detail": "amount must be
 * greater than 0", "errors": [{"field": "amount", "message": "must be greater than 0"}]}}.
 */
@RestControllerAdvice
class ApiErrors extends ResponseEntityExceptionHandler {

	@ExceptionHandler(OrderNotFoundException.class)
	ProblemDetail notFound(OrderNotFoundException ex) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, ex.getMessage());
		problem.setTitle("Order not found");
		return problem;
	}

	@Override
	protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		List<Map<String, String>> errors = ex.getBindingResult()
			.getFieldErrors()
			.stream()
			.sorted(Comparator.comparing(FieldError::getField))
			.map((error) -> fieldError(jsonName(error.getField()), message(error)))
			.toList();
		return ResponseEntity.badRequest().body(invalid(errors));
	}

	@Override
	protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		String field = (ex.getMostSpecificCause() instanceof JacksonException jackson) ? lastField(jackson) : null;
		List<Map<String, String>> errors = (field != null)
				? List.of(fieldError(field, "has the wrong type; expected a " + expectedType(field)))
				: List.of(fieldError("body", "is not valid JSON"));
		return ResponseEntity.badRequest().body(invalid(errors));
	}

	private static ProblemDetail invalid(List<Map<String, String>> errors) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
				String.join("; ", errors.stream().map((e) -> e.get("field") + " " + e.get("message")).toList()));
		problem.setTitle("Invalid request");
		problem.setProperty("errors", errors);
		return problem;
	}

	private static Map<String, String> fieldError(String field, String message) {
		return Map.of("field", field, "message", message);
	}

	/** The field's name in JSON, where spring.jackson.property-naming-strategy is SNAKE_CASE. */
	private static String jsonName(String javaName) {
		StringBuilder name = new StringBuilder(javaName.length() + 4);
		for (char c : javaName.toCharArray()) {
			if (Character.isUpperCase(c)) {
				name.append('_').append(Character.toLowerCase(c));
			}
			else {
				name.append(c);
			}
		}
		return name.toString();
	}

	private static String message(FieldError error) {
		return (error.getDefaultMessage() != null) ? error.getDefaultMessage() : "is invalid";
	}

	private static String lastField(JacksonException ex) {
		List<JacksonException.Reference> path = ex.getPath();
		for (int i = path.size() - 1; i >= 0; i--) {
			if (path.get(i).getPropertyName() != null) {
				return path.get(i).getPropertyName();
			}
		}
		return null;
	}

	private static String expectedType(String field) {
		return "amount".equals(field) ? "decimal number such as 99.99" : "string";
	}

}
