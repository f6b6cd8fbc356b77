package dev.tracing.sample.order;

import java.net.URI;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import dev.tracing.sample.order.processing.ProcessingBackloggedException;
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
 * Errors as RFC 9457 problem details, each with its {@code type}: one URI per kind of problem
 * this service reports ({@link #TYPES}), {@code about:blank} for the plain HTTP errors that
 * Spring answers itself (405, 415, ...). An invalid request names each offending field by its
 * JSON name: {@code {"type": ".../invalid-request", "title": "Invalid request", "status": 400,
 * "detail": "amount must be greater than 0", "errors": [{"field": "amount", "message": "must
 * be greater than 0"}]}}.
 */
@RestControllerAdvice
class ApiErrors extends ResponseEntityExceptionHandler {

	/**
	 * Where this service's problem types live. A real service points them at its API
	 * documentation; {@code .example} is reserved for examples (RFC 2606).
	 */
	static final String TYPES = "https://order-service.example/problems/";

	static final URI INVALID_REQUEST = URI.create(TYPES + "invalid-request");

	static final URI ORDER_NOT_FOUND = URI.create(TYPES + "order-not-found");

	static final URI PROCESSING_BACKLOG_FULL = URI.create(TYPES + "processing-backlog-full");

	/** RFC 9457's type for a problem that is no more than its HTTP status. */
	private static final URI BLANK = URI.create("about:blank");

	@ExceptionHandler(OrderNotFoundException.class)
	ProblemDetail notFound(OrderNotFoundException ex) {
		return problem(HttpStatus.NOT_FOUND, ORDER_NOT_FOUND, "Order not found", ex.getMessage());
	}

	/** Too many orders waiting for processing: 503, and when to try again. */
	@ExceptionHandler(ProcessingBackloggedException.class)
	ResponseEntity<ProblemDetail> backlogged(ProcessingBackloggedException ex) {
		ProblemDetail problem = problem(HttpStatus.SERVICE_UNAVAILABLE, PROCESSING_BACKLOG_FULL,
				"Too many orders waiting for processing", ex.getMessage());
		return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
			.header(HttpHeaders.RETRY_AFTER, Long.toString(ex.retryAfterSeconds()))
			.body(problem);
	}

	/** The problem details Spring writes itself (405, 406, 415, a path variable of the wrong type). */
	@Override
	protected ResponseEntity<Object> createResponseEntity(Object body, HttpHeaders headers, HttpStatusCode statusCode,
			WebRequest request) {
		if (body instanceof ProblemDetail problem && problem.getType() == null) {
			problem.setType(BLANK);
		}
		return super.createResponseEntity(body, headers, statusCode, request);
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
		ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, INVALID_REQUEST, "Invalid request",
				String.join("; ", errors.stream().map((e) -> e.get("field") + " " + e.get("message")).toList()));
		problem.setProperty("errors", errors);
		return problem;
	}

	private static ProblemDetail problem(HttpStatus status, URI type, String title, String detail) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
		problem.setType(type);
		problem.setTitle(title);
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
