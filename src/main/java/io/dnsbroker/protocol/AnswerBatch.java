package io.dnsbroker.protocol;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;

/** The body of every answer message. {@code group} names the TS group on TS replies, absent on RS replies. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AnswerBatch(String group, List<Answer> answers) {
}
