# gort::gort means "[[go]] lowered by the plugin". A compiler that cannot
# load the plugin (anything but Clang 22) would compile every [[go]] as a
# plain, synchronous call (serial elision) and the program would typically
# die of a deadlock at run time; so a project that links gort::gort with
# such a compiler fails at configure time instead, naming the fixes.
# gort::no_plugin (the library form: gort::go(f, args...), no plugin) is
# for other compilers.
#
# Used by the installed gortConfig.cmake and by the build tree
# (GortInstall.cmake, add_subdirectory(gort)):
#   gort_require_plugin_for_gort_gort(<TRUE if gort has its plugin, else FALSE>)
# checks, once the top-level CMakeLists.txt is done, every target of the
# project: one that links gort::gort (directly or through its interface)
# while the C++ compiler cannot load the plugin is a configure error.
include_guard(GLOBAL)

# Why the current C++ compiler cannot load gort's plugin (empty: it can).
function(_gort_plugin_problem have_plugin out)
  set(problem "")
  if(NOT CMAKE_CXX_COMPILER_ID STREQUAL "Clang" OR
     CMAKE_CXX_COMPILER_VERSION VERSION_LESS 22 OR
     NOT CMAKE_CXX_COMPILER_VERSION VERSION_LESS 23)
    set(problem "the C++ compiler is ${CMAKE_CXX_COMPILER_ID} ${CMAKE_CXX_COMPILER_VERSION} (${CMAKE_CXX_COMPILER}); the plugin loads into Clang 22 only")
  elseif(NOT have_plugin)
    set(problem "gort was built without its [[go]] plugin (GORT_BUILD_PLUGIN=OFF)")
  endif()
  set(${out} "${problem}" PARENT_SCOPE)
endfunction()

# Every target defined in `dir` and below into `out`.
function(_gort_targets_below dir out)
  get_property(targets DIRECTORY "${dir}" PROPERTY BUILDSYSTEM_TARGETS)
  get_property(subdirs DIRECTORY "${dir}" PROPERTY SUBDIRECTORIES)
  foreach(sub IN LISTS subdirs)
    _gort_targets_below("${sub}" more)
    list(APPEND targets ${more})
  endforeach()
  set(${out} "${targets}" PARENT_SCOPE)
endfunction()

function(_gort_check_gort_gort_users)
  get_property(problem GLOBAL PROPERTY _GORT_PLUGIN_PROBLEM)
  _gort_targets_below("${CMAKE_SOURCE_DIR}" targets)
  set(users "")
  foreach(t IN LISTS targets)
    get_target_property(type ${t} TYPE)
    set(libs "")
    if(NOT type STREQUAL "INTERFACE_LIBRARY")
      get_target_property(libs ${t} LINK_LIBRARIES)
    endif()
    get_target_property(ilibs ${t} INTERFACE_LINK_LIBRARIES)
    # gort's own build-tree target (gort_package) is gort::gort itself.
    if(NOT t STREQUAL "gort_package" AND
       "${libs};${ilibs}" MATCHES "(^|[;:<>,])gort::gort($|[;>,])")
      list(APPEND users ${t})
    endif()
  endforeach()
  if(users)
    list(JOIN users ", " users)
    # Indented lines are printed as they are (CMake wraps the others).
    message(FATAL_ERROR
      "gort::gort needs the [[go]] plugin, and this project cannot load it:\n"
      "  ${problem}\n"
      "  gort::gort linked by: ${users}\n"
      "Without the plugin every [[go]] call would run synchronously. Fix, either:\n"
      "  - configure with Clang 22 (in a fresh build directory):\n"
      "      cmake -DCMAKE_CXX_COMPILER=clang++-22 ...\n"
      "  - or, to keep this compiler, link the library form instead:\n"
      "      target_link_libraries(<target> PRIVATE gort::no_plugin)\n"
      "    and start goroutines with gort::go(f, args...) ([[go]] then runs serially).")
  endif()
endfunction()

function(gort_require_plugin_for_gort_gort have_plugin)
  _gort_plugin_problem("${have_plugin}" problem)
  if(NOT problem)
    return()
  endif()
  get_property(deferred GLOBAL PROPERTY _GORT_PLUGIN_CHECK_DEFERRED)
  if(deferred)
    return()
  endif()
  set_property(GLOBAL PROPERTY _GORT_PLUGIN_CHECK_DEFERRED TRUE)
  set_property(GLOBAL PROPERTY _GORT_PLUGIN_PROBLEM "${problem}")
  # After the whole project has been read: targets link gort::gort later
  # than find_package(gort) runs.
  cmake_language(DEFER DIRECTORY "${CMAKE_SOURCE_DIR}" CALL _gort_check_gort_gort_users)
endfunction()
