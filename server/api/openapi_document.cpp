#include "api/openapi_document.hpp"

#include "parley/version.hpp"

namespace parley::server {

std::string openapi_document() {
    std::string text(openapi_json());
    const std::string_view placeholder = "@PARLEY_VERSION@";
    if (const auto at = text.find(placeholder); at != std::string::npos)
        text.replace(at, placeholder.size(), version());
    return text;
}

}  // namespace parley::server
