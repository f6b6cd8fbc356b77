package dev.tracing.sample.order;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;
import org.springframework.transaction.annotation.Transactional;

/** Orders in the database. */
public interface OrderRepository extends JpaRepository<Order, Long> {

	List<Order> findAllByOrderByIdAsc();

	/** Moves an order to a new status in one UPDATE, without loading it first. */
	@Transactional
	@Modifying(flushAutomatically = true, clearAutomatically = true)
	@Query("update Order o set o.status = :status, o.transactionId = coalesce(:transactionId, o.transactionId),"
			+ " o.updatedAt = :now where o.id = :id")
	int updateStatus(@Param("id") long id, @Param("status") OrderStatus status,
			@Param("transactionId") String transactionId, @Param("now") Instant now);

	/** Deletes an order in one DELETE; returns how many rows went. */
	@Transactional
	@Modifying
	@Query("delete from Order o where o.id = :id")
	int deleteOrder(@Param("id") long id);

	/** Order count and amount total for each status. */
	@Query("select o.status as status, count(o) as count, coalesce(sum(o.amount), 0) as total"
			+ " from Order o group by o.status")
	List<StatusTotal> totalsByStatus();

	/** One row of {@link #totalsByStatus()}. */
	interface StatusTotal {

		OrderStatus getStatus();

		long getCount();

		BigDecimal getTotal();

	}

}
