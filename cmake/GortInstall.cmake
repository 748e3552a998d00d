# gort as a package: the gort::gort and gort::no_plugin targets (for add_subdirectory users and
# for the installed gortConfig.cmake), pkg-config's gort.pc, and the install
# rules of the runtime. Included at the end of the top-level CMakeLists.txt.
#
# What gort::gort applies is what the gort++ driver adds (tools/gort++.in);
# keep the two in step:
#   compile: C++20, gort's headers, -fplugin=<gort_plugin> and
#            -fpass-plugin=<gort_loop_poll> (preemption polls in loops)
#            (Clang 22 only: a project linking gort::gort with another
#            compiler fails at configure time; gort::no_plugin is
#            everything but the plugins)
#   link:    libgort.a, -Wl,--wrap=main (main runs as goroutine 1),
#            -rdynamic (symbolized panics), Boost.Context, threads, libdl
include(GNUInstallDirs)
include(CMakePackageConfigHelpers)

set(GORT_LINK_OPTIONS "LINKER:--wrap=main" "-rdynamic")
# The plugin is built for Clang 22; any other compiler must not see it.
set(GORT_IS_CLANG22
    "$<AND:$<COMPILE_LANG_AND_ID:CXX,Clang>,$<VERSION_GREATER_EQUAL:$<CXX_COMPILER_VERSION>,22>,$<VERSION_LESS:$<CXX_COMPILER_VERSION>,23>>")

# --- gort::gort in the build tree (add_subdirectory(gort)) -------------------
# gort::no_plugin: the library form (any compiler); gort::gort adds the
# plugin and refuses, at configure time, a compiler that cannot load it
# (GortRequirePlugin.cmake).
add_library(gort_no_plugin INTERFACE)
target_link_libraries(gort_no_plugin INTERFACE gort)
target_compile_features(gort_no_plugin INTERFACE cxx_std_20)
target_link_options(gort_no_plugin INTERFACE ${GORT_LINK_OPTIONS})
add_library(gort::no_plugin ALIAS gort_no_plugin)

add_library(gort_package INTERFACE)
target_link_libraries(gort_package INTERFACE gort_no_plugin)
if(TARGET gort_plugin)
  target_compile_options(gort_package INTERFACE
    "$<${GORT_IS_CLANG22}:-fplugin=$<TARGET_FILE:gort_plugin>>")
  # Compiles that load the plugin must wait for its link step. A target
  # dependency does not ensure that (Ninja starts a dependent's compiles
  # once its dependencies' custom commands are done, before their links);
  # a utility target depending on the plugin's file does.
  add_custom_target(gort_plugin_built DEPENDS $<TARGET_FILE:gort_plugin>)
  add_dependencies(gort_plugin_built gort_plugin)
  add_dependencies(gort_package gort_plugin_built)
endif()
if(TARGET gort_loop_poll)
  target_compile_options(gort_package INTERFACE
    "$<${GORT_IS_CLANG22}:-fpass-plugin=$<TARGET_FILE:gort_loop_poll>>")
  add_custom_target(gort_loop_poll_built DEPENDS $<TARGET_FILE:gort_loop_poll>)
  add_dependencies(gort_loop_poll_built gort_loop_poll)
  add_dependencies(gort_package gort_loop_poll_built)
endif()
add_library(gort::gort ALIAS gort_package)
include(${CMAKE_CURRENT_LIST_DIR}/GortRequirePlugin.cmake)
if(TARGET gort_plugin)
  gort_require_plugin_for_gort_gort(TRUE)
else()
  gort_require_plugin_for_gort_gort(FALSE)
endif()

# --- install ----------------------------------------------------------------
install(TARGETS gort gort_tsan gort_asan gort_shlib ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR})
install(DIRECTORY ${PROJECT_SOURCE_DIR}/runtime/include/gort
        DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})

set(GORT_INSTALL_CMAKEDIR ${CMAKE_INSTALL_LIBDIR}/cmake/gort)
set(GORT_INSTALL_PLUGIN ${CMAKE_INSTALL_LIBDIR}/gort/gort_plugin.so)
set(GORT_INSTALL_LOOP_POLL ${CMAKE_INSTALL_LIBDIR}/gort/gort_loop_poll.so)
# The runtime target's own usage requirements (split stacks, its linker and
# wrappers: runtime/CMakeLists.txt) are copied into the installed package,
# so that the package follows the runtime without edits here.
get_target_property(GORT_RUNTIME_COMPILE_OPTIONS gort INTERFACE_COMPILE_OPTIONS)
get_target_property(GORT_RUNTIME_LINK_OPTIONS gort INTERFACE_LINK_OPTIONS)
foreach(var GORT_RUNTIME_COMPILE_OPTIONS GORT_RUNTIME_LINK_OPTIONS)
  if(NOT ${var})
    set(${var} "")
  endif()
  list(REMOVE_DUPLICATES ${var})
endforeach()
# ... and spelled for pkg-config.
string(REPLACE ";" " " GORT_PC_CFLAGS "${GORT_RUNTIME_COMPILE_OPTIONS}")
set(GORT_PC_LIBS "")
foreach(opt ${GORT_RUNTIME_LINK_OPTIONS})
  string(REGEX REPLACE "^LINKER:" "-Wl," opt "${opt}")
  string(APPEND GORT_PC_LIBS " ${opt}")
endforeach()
get_filename_component(GORT_BOOST_CONTEXT_NAME ${GORT_BOOST_CONTEXT} NAME_WE)
string(REGEX REPLACE "^lib" "" GORT_BOOST_CONTEXT_NAME ${GORT_BOOST_CONTEXT_NAME})
configure_package_config_file(
  ${PROJECT_SOURCE_DIR}/cmake/gortConfig.cmake.in
  ${PROJECT_BINARY_DIR}/cmake/gortConfig.cmake
  INSTALL_DESTINATION ${GORT_INSTALL_CMAKEDIR}
  PATH_VARS CMAKE_INSTALL_INCLUDEDIR CMAKE_INSTALL_LIBDIR GORT_INSTALL_PLUGIN
            GORT_INSTALL_LOOP_POLL)
write_basic_package_version_file(
  ${PROJECT_BINARY_DIR}/cmake/gortConfigVersion.cmake
  VERSION ${PROJECT_VERSION} COMPATIBILITY SameMinorVersion)
install(FILES ${PROJECT_BINARY_DIR}/cmake/gortConfig.cmake
              ${PROJECT_BINARY_DIR}/cmake/gortConfigVersion.cmake
              ${PROJECT_SOURCE_DIR}/cmake/GortRequirePlugin.cmake
        DESTINATION ${GORT_INSTALL_CMAKEDIR})

# gort.pc finds the prefix from its own location (relocatable install).
file(RELATIVE_PATH GORT_PC_TO_PREFIX /prefix/${CMAKE_INSTALL_LIBDIR}/pkgconfig /prefix)
configure_file(${PROJECT_SOURCE_DIR}/cmake/gort.pc.in
               ${PROJECT_BINARY_DIR}/cmake/gort.pc @ONLY)
install(FILES ${PROJECT_BINARY_DIR}/cmake/gort.pc
        DESTINATION ${CMAKE_INSTALL_LIBDIR}/pkgconfig)

# The gdb extension: (gdb) source <prefix>/share/gort/gdb/gort.py
install(FILES ${PROJECT_SOURCE_DIR}/tools/gdb/gort.py DESTINATION ${CMAKE_INSTALL_DATADIR}/gort/gdb)
