package dev.tracing.sample.order;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

/** Stores {@link OrderStatus} in lower case, as the guide's service does. */
@Converter
class OrderStatusConverter implements AttributeConverter<OrderStatus, String> {

	@Override
	public String convertToDatabaseColumn(OrderStatus status) {
		return (status != null) ? status.value() : null;
	}

	@Override
	public OrderStatus convertToEntityAttribute(String value) {
		return (value != null) ? OrderStatus.of(value) : null;
	}

}
