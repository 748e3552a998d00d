#include "GoState.h"

namespace gort::plugin {

GoState &GoState::get() {
  static GoState State;
  return State;
}

} // namespace gort::plugin
