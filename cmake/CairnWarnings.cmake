# Warnings every Cairn target gets. Kept in one place so the native, sanitizer
# and WASM builds agree on what is an error.
add_library(cairn_warnings INTERFACE)
target_compile_options(cairn_warnings INTERFACE
  -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor -Wold-style-cast
  -Wcast-align -Wunused -Woverloaded-virtual -Wnull-dereference
  $<$<BOOL:${CAIRN_WERROR}>:-Werror>)
