# House rules for every target: strict warnings, no implicit ASCII casts, optional sanitizers.

add_compile_definitions(
    QT_NO_CAST_FROM_ASCII
    QT_NO_CAST_TO_ASCII
    QT_NO_CAST_FROM_BYTEARRAY
    QT_NO_URL_CAST_FROM_STRING
    QT_NO_NARROWING_CONVERSIONS_IN_CONNECT
    QT_NO_FOREACH
    QT_STRICT_ITERATORS)

# ccache, where installed: several build trees of the same sources (presets, helpers' trees) share
# compiled objects. base_dir makes paths relative so trees in different folders hit the same entries.
find_program(ORKESTR_CCACHE ccache)
if(ORKESTR_CCACHE AND NOT CMAKE_CXX_COMPILER_LAUNCHER)
    set(CMAKE_CXX_COMPILER_LAUNCHER "${ORKESTR_CCACHE}" "base_dir=${PROJECT_SOURCE_DIR}" "hash_dir=false")
endif()

if(CMAKE_CXX_COMPILER_ID MATCHES "GNU|Clang")
    add_compile_options(-Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor -Wcast-align
        -Woverloaded-virtual -Wformat=2 -Wimplicit-fallthrough)
    if(ORKESTR_WERROR)
        add_compile_options(-Werror)
    endif()
    if(ORKESTR_SANITIZE)
        add_compile_options(-fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined)
        add_link_options(-fsanitize=address,undefined)
    endif()
endif()
