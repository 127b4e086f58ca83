# Generated package marker (protoc_gen_layer8_stubs.py). DO NOT EDIT.
