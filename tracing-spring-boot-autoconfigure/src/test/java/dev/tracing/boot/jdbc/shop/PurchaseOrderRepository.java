package dev.tracing.boot.jdbc.shop;

import java.util.List;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

public interface PurchaseOrderRepository extends JpaRepository<PurchaseOrder, Long> {

	@Query("select o from PurchaseOrder o join fetch o.customer order by o.id")
	List<PurchaseOrder> findAllWithCustomers();

	List<PurchaseOrder> findAllByOrderByIdAsc();

}
