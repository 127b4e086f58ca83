"""Every message and enum of the runtime API by name, to build requests and read replies::

    from layer8.messages import GetStateRequest, StateItem

Nested types are reached through their parent, as in protobuf: ``StateOptions.CONCURRENCY_FIRST_WRITE``.
The names come from the generated ``layer8._gen.messages`` (one per message of the .proto files).
"""

from layer8._gen.messages import *
