package dev.tracing.boot.micrometer;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

import io.micrometer.common.KeyValue;
import io.micrometer.common.annotation.ValueExpressionResolver;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.annotation.ObservationKeyValue;
import io.micrometer.observation.annotation.Observed;
import io.micrometer.observation.aop.ObservationKeyValueAnnotationHandler;
import io.micrometer.observation.aop.ObservedAspect;
import org.junit.jupiter.api.Test;

import org.springframework.aop.framework.ProxyFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Micrometer's {@link ObservedAspect} applied by the advisor to real Spring AOP proxies
 * (class-based and interface-based), with a registry that records the observations it stops.
 */
class ObservedMethodInterceptorTests {

	private final List<Observation.Context> stopped = new CopyOnWriteArrayList<>();

	private final ObservationRegistry registry = ObservationRegistry.create();

	ObservedMethodInterceptorTests() {
		this.registry.observationConfig().observationHandler(new ObservationHandler<>() {

			@Override
			public boolean supportsContext(Observation.Context context) {
				return true;
			}

			@Override
			public void onStop(Observation.Context context) {
				ObservedMethodInterceptorTests.this.stopped.add(context);
			}

		});
	}

	@Test
	void annotatedMethodIsObservedWithTheAnnotationsNamesAndKeyValues() {
		Quotes quotes = proxy(new Quotes(), false);
		assertThat(quotes.quote("sku-17")).isEqualTo("12.50");

		Observation.Context context = single();
		assertThat(context.getName()).isEqualTo("pricing.quote");
		assertThat(context.getContextualName()).isEqualTo("quote price");
		assertThat(context.getLowCardinalityKeyValue("region").getValue()).isEqualTo("eu");
		assertThat(context.getHighCardinalityKeyValue("quote.sku")).isEqualTo(KeyValue.of("quote.sku", "sku-17"));
		assertThat(context.getHighCardinalityKeyValue("quote.sku.length").getValue()).isEqualTo("6");
	}

	@Test
	void methodsWithoutTheAnnotationAreNotObserved() {
		proxy(new Quotes(), false).unobserved();

		assertThat(this.stopped).isEmpty();
	}

	@Test
	void everyMethodOfAnAnnotatedClassIsObserved() {
		Catalog catalog = proxy(new Catalog(), false);
		catalog.find();
		catalog.count();

		assertThat(this.stopped).extracting(Observation.Context::getName).containsExactly("catalog", "catalog");
		assertThat(this.stopped).extracting(Observation.Context::getContextualName)
			.containsExactly("Catalog#find", "Catalog#count");
	}

	@Test
	void annotationOnTheImplementationIsFoundBehindAnInterfaceProxy() {
		Pricing pricing = proxy(new AnnotatedPricing(), true);
		pricing.price();

		assertThat(single().getName()).isEqualTo("pricing.price");
	}

	@Test
	void failureIsRecordedOnTheObservationAndRethrown() {
		Quotes quotes = proxy(new Quotes(), false);
		assertThatIllegalStateException().isThrownBy(quotes::fail).withMessage("no price");

		assertThat(single().getError()).isInstanceOf(IllegalStateException.class);
	}

	@Test
	void asynchronousResultIsObservedUntilItCompletes() {
		Quotes quotes = proxy(new Quotes(), false);
		CompletableFuture<String> pending = new CompletableFuture<>();
		CompletableFuture<String> result = quotes.later(pending);
		assertThat(this.stopped).isEmpty();

		pending.complete("13.00");
		assertThat(result.join()).isEqualTo("13.00");
		assertThat(single().getName()).isEqualTo("pricing.later");
	}

	private Observation.Context single() {
		assertThat(this.stopped).hasSize(1);
		return this.stopped.get(0);
	}

	@SuppressWarnings("unchecked")
	private <T> T proxy(T target, boolean interfaces) {
		ObservedAspect aspect = new ObservedAspect(this.registry);
		ValueExpressionResolver lengthOnly = (expression, value) -> String.valueOf(((String) value).length());
		aspect.setObservationKeyValueAnnotationHandler(new ObservationKeyValueAnnotationHandler((type) -> {
			throw new IllegalStateException("no value resolvers here");
		}, (type) -> lengthOnly));
		ProxyFactory factory = new ProxyFactory(target);
		factory.setProxyTargetClass(!interfaces);
		factory.addAdvisor(new ObservedAdvisor(() -> new ObservedMethodInterceptor(aspect)));
		return (T) factory.getProxy();
	}

	static class Quotes {

		@Observed(name = "pricing.quote", contextualName = "quote price", lowCardinalityKeyValues = { "region", "eu" })
		public String quote(@ObservationKeyValue(key = "quote.sku") @ObservationKeyValue(key = "quote.sku.length",
				expression = "length()") String sku) {
			return "12.50";
		}

		@Observed(name = "pricing.fail")
		public String fail() {
			throw new IllegalStateException("no price");
		}

		@Observed(name = "pricing.later")
		public CompletableFuture<String> later(CompletableFuture<String> pending) {
			return pending;
		}

		public void unobserved() {
		}

	}

	@Observed(name = "catalog")
	static class Catalog {

		public String find() {
			return "widget";
		}

		public int count() {
			return 1;
		}

	}

	interface Pricing {

		String price();

	}

	static class AnnotatedPricing implements Pricing {

		@Override
		@Observed(name = "pricing.price")
		public String price() {
			return "1.00";
		}

	}

}
