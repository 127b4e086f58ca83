package dev.layer8.sdk;

import dev.layer8.proto.runtime.v1.TopicEventRequest;
import dev.layer8.proto.runtime.v1.TopicEventResponse.TopicEventResponseStatus;

/**
 * Handles the events of one subscribed topic, delivered by the sidecar over AppCallback. Its
 * answer settles the event: SUCCESS acknowledges it, RETRY has it redelivered later, DROP
 * discards it (or dead-letters it). A handler that throws answers RETRY.
 */
@FunctionalInterface
public interface TopicEventHandler {
  TopicEventResponseStatus onEvent(TopicEventRequest event) throws Exception;
}
