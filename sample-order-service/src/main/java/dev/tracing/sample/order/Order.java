package dev.tracing.sample.order;

import java.math.BigDecimal;
import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.PrePersist;
import jakarta.persistence.PreUpdate;
import jakarta.persistence.Table;

/** An order for one product, as in the guide's {@code orders} table. */
@Entity
@Table(name = "orders")
public class Order {

	@Id
	@GeneratedValue(strategy = GenerationType.IDENTITY)
	private Long id;

	@Column(name = "product_name", nullable = false, length = 200)
	private String productName;

	@Column(nullable = false, precision = 10, scale = 2)
	private BigDecimal amount;

	@Column(name = "payment_method", nullable = false, length = 20)
	private String paymentMethod;

	@Convert(converter = OrderStatusConverter.class)
	@Column(nullable = false, length = 20)
	private OrderStatus status;

	@Column(name = "transaction_id", length = 64)
	private String transactionId;

	@Column(name = "created_at", nullable = false)
	private Instant createdAt;

	@Column(name = "updated_at", nullable = false)
	private Instant updatedAt;

	protected Order() {
	}

	public Order(String productName, BigDecimal amount, String paymentMethod) {
		this.productName = productName;
		this.amount = amount;
		this.paymentMethod = paymentMethod;
		this.status = OrderStatus.PENDING;
	}

	@PrePersist
	void onCreate() {
		this.createdAt = Instant.now();
		this.updatedAt = this.createdAt;
	}

	@PreUpdate
	void onUpdate() {
		this.updatedAt = Instant.now();
	}

	public Long getId() {
		return this.id;
	}

	public String getProductName() {
		return this.productName;
	}

	public BigDecimal getAmount() {
		return this.amount;
	}

	public String getPaymentMethod() {
		return this.paymentMethod;
	}

	public OrderStatus getStatus() {
		return this.status;
	}

	public String getTransactionId() {
		return this.transactionId;
	}

	public Instant getCreatedAt() {
		return this.createdAt;
	}

	public Instant getUpdatedAt() {
		return this.updatedAt;
	}

}
