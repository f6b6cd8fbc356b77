package dev.tracing.boot.web;

import java.util.Arrays;

/**
 * Replacements of ranges of a text, made in one pass that copies everything between them
 * unchanged. A range inside another replaced range goes with it: replacing a whole object
 * also replaces what was replaced within it. Ranges that partly overlap are not expected
 * (values in a JSON document nest or are disjoint); the one that starts first wins.
 */
final class JsonEdits {

	private int[] starts = new int[4];

	private int[] ends = new int[4];

	private String[] replacements = new String[4];

	private int count;

	/**
	 * Replaces the characters from {@code start} (inclusive) to {@code end} (exclusive).
	 * @param start index of the first character replaced
	 * @param end index just after the last character replaced
	 * @param replacement the text written in their place
	 */
	void replace(int start, int end, String replacement) {
		if (this.count == this.starts.length) {
			int capacity = this.count * 2;
			this.starts = Arrays.copyOf(this.starts, capacity);
			this.ends = Arrays.copyOf(this.ends, capacity);
			this.replacements = Arrays.copyOf(this.replacements, capacity);
		}
		this.starts[this.count] = start;
		this.ends[this.count] = end;
		this.replacements[this.count] = replacement;
		this.count++;
	}

	boolean isEmpty() {
		return this.count == 0;
	}

	/**
	 * Returns the text with every replacement made, or the same instance when there is none.
	 * @param text the text the ranges refer to
	 * @return the edited text
	 */
	String applyTo(String text) {
		if (this.count == 0) {
			return text;
		}
		sortByStartThenWidest();
		StringBuilder edited = new StringBuilder(text.length() + 16 * this.count);
		int copied = 0;
		for (int i = 0; i < this.count; i++) {
			if (this.starts[i] < copied) {
				continue;
			}
			edited.append(text, copied, this.starts[i]).append(this.replacements[i]);
			copied = this.ends[i];
		}
		return edited.append(text, copied, text.length()).toString();
	}

	/** Insertion sort: there are few edits, and they mostly arrive in document order. */
	private void sortByStartThenWidest() {
		for (int i = 1; i < this.count; i++) {
			int start = this.starts[i];
			int end = this.ends[i];
			String replacement = this.replacements[i];
			int j = i - 1;
			while (j >= 0 && (this.starts[j] > start || (this.starts[j] == start && this.ends[j] < end))) {
				this.starts[j + 1] = this.starts[j];
				this.ends[j + 1] = this.ends[j];
				this.replacements[j + 1] = this.replacements[j];
				j--;
			}
			this.starts[j + 1] = start;
			this.ends[j + 1] = end;
			this.replacements[j + 1] = replacement;
		}
	}

}
