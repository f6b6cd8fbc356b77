package dev.tracing.boot.redaction;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.BiConsumer;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.api.common.KeyValue;
import io.opentelemetry.api.common.Value;
import io.opentelemetry.api.common.ValueType;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.LinkData;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.data.StatusData;
import io.opentelemetry.semconv.UrlAttributes;
import io.opentelemetry.semconv.incubating.HttpIncubatingAttributes;

/**
 * Produces the masked copy of a finished span: name, string attribute values (arrays and
 * structured values too), event names and attributes, link attributes and the status
 * description pass through the {@link SensitiveDataMasker}; attributes listed in
 * {@code tracing.redaction.drop-attributes} are removed, those in
 * {@code tracing.redaction.exempt-attributes} are kept as they are. String values of
 * attributes whose key is one of the {@link SensitiveKeys} become {@value SensitiveKeys#REDACTED},
 * and sensitive parameters in {@code url.query} and {@code url.full} become
 * {@value SensitiveParameters#REDACTED}.
 * <p>
 * A span with nothing to mask is returned as it is: checking it allocates nothing.
 */
public final class SpanRedactor {

	/** A redactor that changes nothing, used when {@code tracing.redaction.enabled=false}. */
	public static final SpanRedactor NONE = new SpanRedactor(SensitiveDataMasker.NONE, List.of(), List.of(),
			SensitiveKeys.NONE);

	@SuppressWarnings("deprecation") // the older HTTP conventions, still emitted on opt-in
	private static final Set<String> URL_KEYS = Set.of(UrlAttributes.URL_FULL.getKey(),
			HttpIncubatingAttributes.HTTP_URL.getKey(), HttpIncubatingAttributes.HTTP_TARGET.getKey());

	private static final String QUERY_KEY = UrlAttributes.URL_QUERY.getKey();

	private final SensitiveDataMasker masker;

	private final AttributeKeys dropped;

	private final AttributeKeys exempt;

	private final boolean keyRules;

	private final SensitiveKeys sensitiveKeys;

	private final SensitiveParameters sensitiveParameters;

	private final ThreadLocal<AttributeCheck> checks = ThreadLocal.withInitial(AttributeCheck::new);

	public SpanRedactor(SensitiveDataMasker masker, List<String> dropAttributes, List<String> exemptAttributes) {
		this(masker, dropAttributes, exemptAttributes, SensitiveKeys.NONE);
	}

	public SpanRedactor(SensitiveDataMasker masker, List<String> dropAttributes, List<String> exemptAttributes,
			SensitiveKeys sensitiveKeys) {
		this.masker = masker;
		this.sensitiveKeys = sensitiveKeys;
		this.sensitiveParameters = new SensitiveParameters(sensitiveKeys);
		this.dropped = new AttributeKeys(dropAttributes);
		this.exempt = new AttributeKeys(exemptAttributes);
		this.keyRules = !this.dropped.isEmpty() || !this.exempt.isEmpty();
	}

	/** The redactor that {@code tracing.redaction.*} describes, around the given masker. */
	public static SpanRedactor of(SensitiveDataMasker masker, RedactionProperties properties) {
		return new SpanRedactor(masker, properties.dropAttributes(), properties.exemptAttributes(),
				properties.sensitiveKeyMatcher());
	}

	/** Returns the span as it may be exported: the same instance when nothing changed. */
	public SpanData redact(SpanData span) {
		if (this == NONE) {
			return span;
		}
		String name = span.getName();
		String maskedName = mask(name);
		Attributes attributes = span.getAttributes();
		Attributes maskedAttributes = redact(attributes);
		List<EventData> events = span.getEvents();
		List<EventData> maskedEvents = redactEvents(events);
		List<LinkData> links = span.getLinks();
		List<LinkData> maskedLinks = redactLinks(links);
		StatusData status = span.getStatus();
		StatusData maskedStatus = redact(status);
		if (maskedName == name && maskedAttributes == attributes && maskedEvents == events && maskedLinks == links
				&& maskedStatus == status) {
			return span;
		}
		return new RedactedSpanData(span, maskedName, maskedAttributes, maskedEvents, maskedLinks, maskedStatus);
	}

	/** Returns the attributes as they may be exported: the same instance when nothing changed. */
	public Attributes redact(Attributes attributes) {
		if (attributes.isEmpty() || !this.checks.get().needsRedaction(attributes)) {
			return attributes;
		}
		AttributesBuilder redacted = Attributes.builder();
		attributes.forEach((key, value) -> put(redacted, key, value));
		return redacted.build();
	}

	private List<EventData> redactEvents(List<EventData> events) {
		List<EventData> redacted = null;
		for (int i = 0; i < events.size(); i++) {
			EventData event = events.get(i);
			String name = event.getName();
			String maskedName = mask(name);
			Attributes attributes = event.getAttributes();
			Attributes maskedAttributes = redact(attributes);
			if (maskedName != name || maskedAttributes != attributes) {
				if (redacted == null) {
					redacted = new ArrayList<>(events.subList(0, i));
				}
				redacted.add(EventData.create(event.getEpochNanos(), maskedName, maskedAttributes,
						event.getTotalAttributeCount()));
			}
			else if (redacted != null) {
				redacted.add(event);
			}
		}
		return (redacted != null) ? redacted : events;
	}

	private List<LinkData> redactLinks(List<LinkData> links) {
		List<LinkData> redacted = null;
		for (int i = 0; i < links.size(); i++) {
			LinkData link = links.get(i);
			Attributes attributes = link.getAttributes();
			Attributes maskedAttributes = redact(attributes);
			if (maskedAttributes != attributes) {
				if (redacted == null) {
					redacted = new ArrayList<>(links.subList(0, i));
				}
				redacted.add(LinkData.create(link.getSpanContext(), maskedAttributes, link.getTotalAttributeCount()));
			}
			else if (redacted != null) {
				redacted.add(link);
			}
		}
		return (redacted != null) ? redacted : links;
	}

	private StatusData redact(StatusData status) {
		String description = status.getDescription();
		String masked = mask(description);
		return (masked == description) ? status : StatusData.create(status.getStatusCode(), masked);
	}

	private String mask(String value) {
		if (value == null || value.isEmpty()) {
			return value;
		}
		String masked = this.masker.mask(value);
		// A replacement masker may return an equal copy; treat it as unchanged.
		return (masked == value || value.equals(masked)) ? value : masked;
	}

	@SuppressWarnings("unchecked")
	private void put(AttributesBuilder builder, AttributeKey<?> key, Object value) {
		String name = key.getKey();
		if (this.keyRules && this.dropped.contains(name)) {
			return;
		}
		if (!(this.keyRules && this.exempt.contains(name))) {
			value = maskValue(key, value);
		}
		builder.put((AttributeKey<Object>) key, value);
	}

	/** The masked value, or the same instance when nothing in it needs masking. */
	private Object maskValue(AttributeKey<?> key, Object value) {
		switch (key.getType()) {
			case STRING:
				if (this.sensitiveKeys.matchesAttributeKey(key.getKey())) {
					return redacted((String) value);
				}
				return mask(withoutSensitiveParameters(key.getKey(), (String) value));
			case STRING_ARRAY:
				if (this.sensitiveKeys.matchesAttributeKey(key.getKey())) {
					return redacted((List<?>) value);
				}
				return maskStrings((List<?>) value);
			case VALUE:
				if (this.sensitiveKeys.matchesAttributeKey(key.getKey())) {
					return redacted((Value<?>) value);
				}
				return maskValue((Value<?>) value);
			default:
				return value;
		}
	}

	private String withoutSensitiveParameters(String key, String value) {
		if (QUERY_KEY.equals(key)) {
			return this.sensitiveParameters.redact(value);
		}
		return URL_KEYS.contains(key) ? this.sensitiveParameters.redactUrl(value) : value;
	}

	private static String redacted(String value) {
		return (value.isEmpty() || SensitiveKeys.REDACTED.equals(value)) ? value : SensitiveKeys.REDACTED;
	}

	private static List<?> redacted(List<?> values) {
		for (Object value : values) {
			if (!SensitiveKeys.REDACTED.equals(value)) {
				return java.util.Collections.nCopies(values.size(), SensitiveKeys.REDACTED);
			}
		}
		return values;
	}

	private static Value<?> redacted(Value<?> value) {
		return (value.getType() == ValueType.STRING && SensitiveKeys.REDACTED.equals(value.getValue())) ? value
				: Value.of(SensitiveKeys.REDACTED);
	}

	private List<?> maskStrings(List<?> values) {
		List<String> masked = null;
		for (int i = 0; i < values.size(); i++) {
			String value = (String) values.get(i);
			String maskedValue = mask(value);
			if (maskedValue != value && masked == null) {
				masked = new ArrayList<>(values.size());
				for (int j = 0; j < i; j++) {
					masked.add((String) values.get(j));
				}
			}
			if (masked != null) {
				masked.add(maskedValue);
			}
		}
		return (masked != null) ? masked : values;
	}

	@SuppressWarnings("unchecked")
	private Value<?> maskValue(Value<?> value) {
		switch (value.getType()) {
			case STRING: {
				String text = (String) value.getValue();
				String masked = mask(text);
				return (masked == text) ? value : Value.of(masked);
			}
			case ARRAY: {
				List<Value<?>> items = (List<Value<?>>) value.getValue();
				List<Value<?>> masked = null;
				for (int i = 0; i < items.size(); i++) {
					Value<?> item = items.get(i);
					Value<?> maskedItem = maskValue(item);
					if (maskedItem != item && masked == null) {
						masked = new ArrayList<>(items.subList(0, i));
					}
					if (masked != null) {
						masked.add(maskedItem);
					}
				}
				return (masked != null) ? Value.of(masked) : value;
			}
			case KEY_VALUE_LIST: {
				List<KeyValue> entries = (List<KeyValue>) value.getValue();
				List<KeyValue> masked = null;
				for (int i = 0; i < entries.size(); i++) {
					KeyValue entry = entries.get(i);
					Value<?> maskedValue = maskValue(entry.getValue());
					if (maskedValue != entry.getValue() && masked == null) {
						masked = new ArrayList<>(entries.subList(0, i));
					}
					if (masked != null) {
						masked.add((maskedValue != entry.getValue()) ? KeyValue.of(entry.getKey(), maskedValue) : entry);
					}
				}
				return (masked != null) ? Value.of(masked.toArray(KeyValue[]::new)) : value;
			}
			default:
				return value;
		}
	}

	@Override
	public String toString() {
		return "SpanRedactor{masker=" + this.masker + ", drop=" + this.dropped + ", exempt=" + this.exempt
				+ ", sensitiveKeys=" + this.sensitiveKeys + "}";
	}

	/**
	 * Whether any attribute of a set needs dropping or masking. One instance per thread,
	 * reused, so the check allocates nothing.
	 */
	private final class AttributeCheck implements BiConsumer<AttributeKey<?>, Object> {

		private boolean found;

		boolean needsRedaction(Attributes attributes) {
			this.found = false;
			attributes.forEach(this);
			return this.found;
		}

		@Override
		public void accept(AttributeKey<?> key, Object value) {
			if (this.found) {
				return;
			}
			if (SpanRedactor.this.keyRules) {
				String name = key.getKey();
				if (SpanRedactor.this.dropped.contains(name)) {
					this.found = true;
					return;
				}
				if (SpanRedactor.this.exempt.contains(name)) {
					return;
				}
			}
			this.found = maskValue(key, value) != value;
		}

	}

}
