# The wire schema's generator (cmake/OrkestrWireFields.cmake), run as ctest does:
#   cmake -DGENERATOR=<generator> -DWORK=<scratch dir> -P check_generator.cmake
# A schema it accepts becomes the tables it says; each schema it must refuse stops it with a
# message naming the schema and the place. With -DSCHEMA and -DOUT it only generates (the child
# runs of the refusals).
cmake_minimum_required(VERSION 3.25)
include(${GENERATOR})

if(DEFINED SCHEMA)
    orkestr_generate_wire_fields(${SCHEMA} ${OUT})
    return()
endif()

file(REMOVE_RECURSE ${WORK})
file(MAKE_DIRECTORY ${WORK})

# Accepted: a plain field, an empty string as null, a nested table.
file(WRITE ${WORK}/good.json [=[
{"tables": [
  {"name": "InnerFields", "type": "Outer::Inner", "header": "core/outer.h", "fields": [["a", "first"]]},
  {"name": "OuterFields", "type": "Outer", "header": "core/outer.h",
   "fields": [["id", "id"], ["reason", "reason", "null"], ["inner", "inner", "group:InnerFields"]]}
]}
]=])
orkestr_generate_wire_fields(${WORK}/good.json ${WORK}/good.h)
file(READ ${WORK}/good.h generated)
foreach(expected
        "#include \"core/outer.h\"\n#include \"core/jsonfields.h\""
        "inline constexpr auto InnerFields = std::tuple {\n    JsonField {u\"a\", &Outer::Inner::first},\n};"
        "    JsonField {u\"reason\", &Outer::reason, EmptyString::AsNull},"
        "    JsonGroup {u\"inner\", &Outer::inner, InnerFields},")
    string(FIND "${generated}" "${expected}" at)
    if(at EQUAL -1)
        message(FATAL_ERROR "good.json: the header lacks:\n${expected}\nIt reads:\n${generated}")
    endif()
endforeach()

# Refused: each schema with the words its stop must say.
set(refusals
    "{\"tables\": {}}" "bad.json: \"tables\" must be an array"
    "{\"tables\": []}" "bad.json: \"tables\" is empty"
    "{\"tables\": [{\"name\": \"T\", \"type\": \"T\", \"header\": \"h\", \"fields\": []}]}" "bad.json: T's fields is empty"
    "{\"tables\": [{\"name\": \"T\", \"type\": \"T\", \"header\": \"h\", \"fields\": [[\"k\"]]}]}" "T, field 0: a field is [key, member]"
    "{\"tables\": [{\"name\": \"T\", \"type\": \"T\", \"header\": \"h\", \"fields\": [[\"k\", \"m\"], [\"k\", \"n\"]]}]}" "T.k: the key is listed twice"
    "{\"tables\": [{\"name\": \"T\", \"type\": \"T\", \"header\": \"h\", \"fields\": [[\"k\", \"m\", \"maybe\"]]}]}" "T.k: unknown option \"maybe\""
    "{\"tables\": [{\"name\": \"T\", \"type\": \"T\", \"header\": \"h\", \"fields\": [[\"k\", \"m\", \"group:Later\"]]}]}" "T.k: the table Later must come before it")
list(LENGTH refusals count)
math(EXPR last "${count} - 1")
foreach(i RANGE 0 ${last} 2)
    math(EXPR j "${i} + 1")
    list(GET refusals ${i} schema)
    list(GET refusals ${j} words)
    file(WRITE ${WORK}/bad.json "${schema}")
    execute_process(COMMAND ${CMAKE_COMMAND} -DGENERATOR=${GENERATOR} -DSCHEMA=${WORK}/bad.json
                            -DOUT=${WORK}/bad.h -P ${CMAKE_CURRENT_LIST_FILE}
                    RESULT_VARIABLE result ERROR_VARIABLE stderr OUTPUT_QUIET)
    string(FIND "${stderr}" "${words}" at)
    if(result EQUAL 0 OR at EQUAL -1)
        message(FATAL_ERROR "${schema}\nwas to stop with \"${words}\"; it ended with ${result}:\n${stderr}")
    endif()
    if(EXISTS ${WORK}/bad.h)
        message(FATAL_ERROR "${schema}\nwas refused but left a header behind")
    endif()
endforeach()
math(EXPR refused "${count} / 2")
message(STATUS "the generator wrote good.json's tables and refused ${refused} schemas with their reasons")
