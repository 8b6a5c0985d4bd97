package io.dnsbroker.protocol;

import java.util.List;

/** The body of every answer message. {@code group} names the TS group on TS replies, absent on RS replies. */
public record AnswerBatch(String group, List<Answer> answers) {
}
