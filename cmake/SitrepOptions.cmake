# Warnings and sanitizers, applied through the sitrep_warnings interface target.
add_library(sitrep_warnings INTERFACE)
target_compile_options(sitrep_warnings INTERFACE -Wall -Wextra -Wpedantic -Wshadow
                       -Wnon-virtual-dtor -Wno-unused-parameter)

if(SITREP_SANITIZE)
  add_compile_options(-fsanitize=address,undefined -fno-omit-frame-pointer
                      -fno-sanitize-recover=undefined)
  add_link_options(-fsanitize=address,undefined)
endif()
