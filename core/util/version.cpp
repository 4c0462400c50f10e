#include "parley/version.hpp"

#include <unicode/uversion.h>
#include <xapian.h>

#include "schema/schema.hpp"

#ifndef PARLEY_VERSION
#define PARLEY_VERSION "0.0.0"
#endif

namespace parley {

std::string_view version() { return PARLEY_VERSION; }

int index_schema_version() { return schema::kVersion; }

std::string version_details() {
    return std::string("Parley ") + PARLEY_VERSION + " (Xapian " + Xapian::version_string() +
           ", ICU " + U_ICU_VERSION + ", index schema " + std::to_string(schema::kVersion) + ")";
}

}  // namespace parley
