# orkestr_add_classes(<target> <folder> <class>...): adds each class's <folder>/<class>.cpp and
# <folder>/<class>.h to the target ("." for the target's own folder).
function(orkestr_add_classes target folder)
    set(prefix "")
    if(NOT folder STREQUAL ".")
        set(prefix "${folder}/")
    endif()
    foreach(class IN LISTS ARGN)
        target_sources(${target} PRIVATE ${prefix}${class}.cpp ${prefix}${class}.h)
    endforeach()
endfunction()
