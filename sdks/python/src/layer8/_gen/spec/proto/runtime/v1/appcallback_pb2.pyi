from google.protobuf import empty_pb2 as _empty_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf.internal import enum_type_wrapper as _enum_type_wrapper
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class TopicEventRequest(_message.Message):
    __slots__ = ("id", "source", "type", "spec_version", "data_content_type", "data", "topic", "pubsub_name", "metadata")
    class MetadataEntry(_message.Message):
        __slots__ = ("key", "value")
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: str
        value: str
        def __init__(self, key: _Optional[str] = ..., value: _Optional[str] = ...) -> None: ...
    ID_FIELD_NUMBER: _ClassVar[int]
    SOURCE_FIELD_NUMBER: _ClassVar[int]
    TYPE_FIELD_NUMBER: _ClassVar[int]
    SPEC_VERSION_FIELD_NUMBER: _ClassVar[int]
    DATA_CONTENT_TYPE_FIELD_NUMBER: _ClassVar[int]
    DATA_FIELD_NUMBER: _ClassVar[int]
    TOPIC_FIELD_NUMBER: _ClassVar[int]
    PUBSUB_NAME_FIELD_NUMBER: _ClassVar[int]
    METADATA_FIELD_NUMBER: _ClassVar[int]
    id: str
    source: str
    type: str
    spec_version: str
    data_content_type: str
    data: bytes
    topic: str
    pubsub_name: str
    metadata: _containers.ScalarMap[str, str]
    def __init__(self, id: _Optional[str] = ..., source: _Optional[str] = ..., type: _Optional[str] = ..., spec_version: _Optional[str] = ..., data_content_type: _Optional[str] = ..., data: _Optional[bytes] = ..., topic: _Optional[str] = ..., pubsub_name: _Optional[str] = ..., metadata: _Optional[_Mapping[str, str]] = ...) -> None: ...

class TopicEventResponse(_message.Message):
    __slots__ = ("status",)
    class TopicEventResponseStatus(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
        __slots__ = ()
        SUCCESS: _ClassVar[TopicEventResponse.TopicEventResponseStatus]
        RETRY: _ClassVar[TopicEventResponse.TopicEventResponseStatus]
        DROP: _ClassVar[TopicEventResponse.TopicEventResponseStatus]
    SUCCESS: TopicEventResponse.TopicEventResponseStatus
    RETRY: TopicEventResponse.TopicEventResponseStatus
    DROP: TopicEventResponse.TopicEventResponseStatus
    STATUS_FIELD_NUMBER: _ClassVar[int]
    status: TopicEventResponse.TopicEventResponseStatus
    def __init__(self, status: _Optional[_Union[TopicEventResponse.TopicEventResponseStatus, str]] = ...) -> None: ...

class ListTopicSubscriptionsResponse(_message.Message):
    __slots__ = ("subscriptions",)
    SUBSCRIPTIONS_FIELD_NUMBER: _ClassVar[int]
    subscriptions: _containers.RepeatedCompositeFieldContainer[TopicSubscription]
    def __init__(self, subscriptions: _Optional[_Iterable[_Union[TopicSubscription, _Mapping]]] = ...) -> None: ...

class TopicSubscription(_message.Message):
    __slots__ = ("pubsub_name", "topic", "metadata")
    class MetadataEntry(_message.Message):
        __slots__ = ("key", "value")
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: str
        value: str
        def __init__(self, key: _Optional[str] = ..., value: _Optional[str] = ...) -> None: ...
    PUBSUB_NAME_FIELD_NUMBER: _ClassVar[int]
    TOPIC_FIELD_NUMBER: _ClassVar[int]
    METADATA_FIELD_NUMBER: _ClassVar[int]
    pubsub_name: str
    topic: str
    metadata: _containers.ScalarMap[str, str]
    def __init__(self, pubsub_name: _Optional[str] = ..., topic: _Optional[str] = ..., metadata: _Optional[_Mapping[str, str]] = ...) -> None: ...
