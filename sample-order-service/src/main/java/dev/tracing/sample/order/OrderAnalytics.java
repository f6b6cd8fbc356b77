package dev.tracing.sample.order;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;

import org.springframework.stereotype.Service;

/**
 * Order counts and totals by status, computed inside a custom {@code calculate_analytics}
 * span whose {@code analytics.*} attributes carry the figures, as in the guide.
 */
@Service
public class OrderAnalytics {

	private final OrderRepository orders;

	private final Tracer tracer;

	OrderAnalytics(OrderRepository orders, OpenTelemetry openTelemetry) {
		this.orders = orders;
		this.tracer = openTelemetry.getTracer("dev.tracing.sample.order");
	}

	public Report calculate() {
		Span span = this.tracer.spanBuilder("calculate_analytics").startSpan();
		try (Scope scope = span.makeCurrent()) {
			Report report = Report.of(this.orders.totalsByStatus());
			span.setAttribute("analytics.total_orders", report.totalOrders());
			span.setAttribute("analytics.pending_orders", report.pendingOrders());
			span.setAttribute("analytics.total_amount", report.totalAmount().doubleValue());
			span.setAttribute("analytics.status_count", report.byStatus().size());
			return report;
		}
		catch (RuntimeException ex) {
			span.recordException(ex);
			span.setStatus(StatusCode.ERROR, ex.getMessage());
			throw ex;
		}
		finally {
			span.end();
		}
	}

	/**
	 * The analytics answer.
	 *
	 * @param totalOrders every order
	 * @param pendingOrders orders not yet picked up by processing
	 * @param totalAmount the sum of every order's amount
	 * @param byStatus count and total for each status present
	 */
	public record Report(long totalOrders, long pendingOrders, BigDecimal totalAmount,
			Map<String, StatusSummary> byStatus) {

		static Report of(List<OrderRepository.StatusTotal> totals) {
			Map<String, StatusSummary> byStatus = new LinkedHashMap<>();
			long count = 0;
			BigDecimal amount = BigDecimal.ZERO;
			for (OrderRepository.StatusTotal total : totals) {
				byStatus.put(total.getStatus().value(), new StatusSummary(total.getCount(), total.getTotal()));
				count += total.getCount();
				amount = amount.add(total.getTotal());
			}
			StatusSummary pending = byStatus.get(OrderStatus.PENDING.value());
			return new Report(count, (pending != null) ? pending.count() : 0, amount, byStatus);
		}

	}

	/** Count and amount total of the orders in one status. */
	public record StatusSummary(long count, BigDecimal total) {
	}

}
