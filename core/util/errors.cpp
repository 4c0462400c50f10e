#include "parley/error.hpp"

namespace parley {

int exit_code_for(const Error& error) noexcept {
    return dynamic_cast<const UsageError*>(&error) ? 2 : 1;
}

}  // namespace parley
