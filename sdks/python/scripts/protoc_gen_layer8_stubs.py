"""protoc plugin: the standard Python stubs, from the pinned grpcio-tools, importable as a subpackage.

buf runs plugins; it also runs protoc's own built-in languages, but not gRPC's Python generator,
which grpcio-tools has only inside the protoc it bundles. This plugin answers buf's request by
running one generator over the descriptors buf sent (options, comma-separated in ``opt``):

``generator=python``       messages (``*_pb2.py``), protoc's built-in, plus ``__init__.py`` files
``generator=pyi``          their type stubs (``*_pb2.pyi``), protoc's built-in
``generator=grpc_python``  service stubs (``*_pb2_grpc.py``), gRPC's generator
``generator=mypy_grpc``    type stubs of the service stubs (``*_pb2_grpc.pyi``), mypy-protobuf's plugin
``package=layer8._gen``    the Python package the generated tree is installed under

Python has no option for the package a generated module lives in: protoc names a module after its
.proto path, so ``runtime_pb2`` imports ``from spec.proto.runtime.v1 import appcallback_pb2`` and
works only with ``spec`` as a top-level package, which would clash with anything else generated
from the same protos. So every reference to a top-level package of the files being generated
(import lines, and the module name messages are registered under) is prefixed with ``package``.
Imports of other packages (``google.protobuf``, ``grpc``) are left alone. Doing this here, not in a
later step, makes ``buf generate`` alone produce the committed files, so the stale check is plain.
"""

from __future__ import annotations

import os
import pathlib
import re
import subprocess
import sys
import tempfile

from google.protobuf import descriptor_pb2
from google.protobuf.compiler import plugin_pb2
from grpc_tools import protoc

Response = plugin_pb2.CodeGeneratorResponse

BUNDLED_PROTOC_FLAGS = {
    "python": "--python_out",
    "pyi": "--pyi_out",
    "grpc_python": "--grpc_python_out",
}
INIT_TEXT = "# Generated package marker (protoc_gen_layer8_stubs.py). DO NOT EDIT.\n"


def parse_options(parameter: str) -> dict[str, str]:
    options: dict[str, str] = {}
    for part in filter(None, (p.strip() for p in parameter.split(","))):
        name, _, value = part.partition("=")
        options[name] = value
    unknown = set(options) - {"generator", "package"}
    if unknown:
        raise ValueError(f"unknown option(s) {sorted(unknown)}; known: generator, package")
    generator = options.get("generator", "")
    if generator not in (*BUNDLED_PROTOC_FLAGS, "mypy_grpc"):
        raise ValueError(
            f"generator={generator!r} is not one of {[*BUNDLED_PROTOC_FLAGS, 'mypy_grpc']}"
        )
    return options


def run_bundled_protoc(request: plugin_pb2.CodeGeneratorRequest, flag: str) -> list[Response.File]:
    """Runs grpcio-tools' protoc over the request's descriptors and collects what it wrote."""
    with tempfile.TemporaryDirectory(prefix="layer8-stubs-") as scratch:
        root = pathlib.Path(scratch)
        descriptors = root / "descriptors.binpb"
        descriptors.write_bytes(
            descriptor_pb2.FileDescriptorSet(file=request.proto_file).SerializeToString()
        )
        out = root / "out"
        out.mkdir()
        argv = ["protoc", f"--descriptor_set_in={descriptors}", f"{flag}={out}"]
        # protoc reports errors on stderr; stdout is the plugin protocol's, so keep it clean.
        saved_stdout = os.dup(1)
        os.dup2(2, 1)
        try:
            status = protoc.main([*argv, *request.file_to_generate])
        finally:
            os.dup2(saved_stdout, 1)
            os.close(saved_stdout)
        if status != 0:
            raise RuntimeError(f"grpcio-tools' protoc {flag} exited with status {status}")
        return [
            Response.File(name=path.relative_to(out).as_posix(), content=path.read_text())
            for path in sorted(out.rglob("*"))
            if path.is_file()
        ]


def run_mypy_grpc(request: plugin_pb2.CodeGeneratorRequest) -> list[Response.File]:
    """Runs mypy-protobuf's service-stub plugin, installed beside this interpreter."""
    plugin = pathlib.Path(sys.executable).parent / "protoc-gen-mypy_grpc"
    forwarded = plugin_pb2.CodeGeneratorRequest()
    forwarded.CopyFrom(request)
    forwarded.parameter = "quiet"
    completed = subprocess.run(
        [str(plugin)], input=forwarded.SerializeToString(), capture_output=True, check=False
    )
    if completed.returncode != 0:
        raise RuntimeError(f"{plugin} failed: {completed.stderr.decode(errors='replace')}")
    response = Response.FromString(completed.stdout)
    if response.error:
        raise RuntimeError(f"{plugin}: {response.error}")
    return list(response.file)


def relocate(files: list[Response.File], roots: set[str], package: str) -> None:
    """Prefixes every reference to a generated top-level package with ``package``."""
    names = "|".join(re.escape(root) for root in sorted(roots))
    # `from spec.x import y` and `import spec.x as y` lines...
    import_line = re.compile(rf"^(\s*(?:from|import)\s+)((?:{names})\.)", re.MULTILINE)
    # ...and the module name classes get (`__module__`), so that pickling and repr are right.
    module_name = re.compile(rf"(BuildTopDescriptorsAndMessages\(DESCRIPTOR, ')((?:{names})\.)")
    for file in files:
        text = import_line.sub(rf"\g<1>{package}.\g<2>", file.content)
        file.content = module_name.sub(rf"\g<1>{package}.\g<2>", text)


def package_markers(files: list[Response.File]) -> list[Response.File]:
    """An ``__init__.py`` in the out directory and in every directory holding generated modules."""
    directories = {""}
    for file in files:
        parts = file.name.split("/")[:-1]
        directories.update("/".join(parts[:depth]) for depth in range(1, len(parts) + 1))
    return [
        Response.File(name=f"{d}/__init__.py" if d else "__init__.py", content=INIT_TEXT)
        for d in sorted(directories)
    ]


def generate(request: plugin_pb2.CodeGeneratorRequest) -> Response:
    response = Response(supported_features=Response.FEATURE_PROTO3_OPTIONAL)
    try:
        options = parse_options(request.parameter)
        generator = options["generator"]
        if generator == "mypy_grpc":
            files = run_mypy_grpc(request)
        else:
            files = run_bundled_protoc(request, BUNDLED_PROTOC_FLAGS[generator])
        package = options.get("package")
        if package:
            relocate(files, {name.split("/")[0] for name in request.file_to_generate}, package)
        if generator == "python":
            files += package_markers(files)
    except (ValueError, RuntimeError) as error:
        response.error = f"protoc_gen_layer8_stubs: {error}"
        return response
    response.file.extend(files)
    return response


def main() -> None:
    request = plugin_pb2.CodeGeneratorRequest.FromString(sys.stdin.buffer.read())
    sys.stdout.buffer.write(generate(request).SerializeToString())


if __name__ == "__main__":
    main()
