package dev.tracing.sample.order;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.springframework.cache.annotation.CacheEvict;
import org.springframework.cache.annotation.Cacheable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Orders: creation, look-up (cached by id), deletion and status changes. A status change
 * evicts the cached order after its UPDATE has committed.
 */
@Service
public class OrderService {

	static final String CACHE = "orders";

	private final OrderRepository orders;

	private final ApplicationEventPublisher events;

	OrderService(OrderRepository orders, ApplicationEventPublisher events) {
		this.orders = orders;
		this.events = events;
	}

	@Transactional(readOnly = true)
	public List<OrderView> list() {
		return this.orders.findAllByOrderByIdAsc().stream().map(OrderView::of).toList();
	}

	/**
	 * The order, from the cache when it is there. Only finished orders are cached: a read of
	 * an order in progress could otherwise store its old status just after processing
	 * evicted it, and serve that stale status from then on.
	 */
	@Cacheable(cacheNames = CACHE, key = "#id", unless = "!#result.status().isFinal()")
	@Transactional(readOnly = true)
	public OrderView find(long id) {
		return load(id).orElseThrow(() -> new OrderNotFoundException(id));
	}

	/** The order as stored now, bypassing the cache. */
	@Transactional(readOnly = true)
	public Optional<OrderView> load(long id) {
		return this.orders.findById(id).map(OrderView::of);
	}

	/** Stores a new pending order; its processing starts once the transaction commits. */
	@Transactional
	public OrderView create(NewOrder request) {
		Order order = this.orders
			.save(new Order(request.productName().trim(), request.amount(), request.paymentMethodOrDefault()));
		this.events.publishEvent(new OrderCreated(order.getId()));
		return OrderView.of(order);
	}

	@CacheEvict(cacheNames = CACHE, key = "#id")
	public void delete(long id) {
		if (this.orders.deleteOrder(id) == 0) {
			throw new OrderNotFoundException(id);
		}
	}

	/** Moves an order to a new status, recording the payment's transaction id if given. */
	@CacheEvict(cacheNames = CACHE, key = "#id")
	public boolean moveTo(long id, OrderStatus status, String transactionId) {
		return this.orders.updateStatus(id, status, transactionId, Instant.now()) == 1;
	}

}
