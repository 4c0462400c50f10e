#include "util/xapian_errors.hpp"

#include <gtest/gtest.h>
#include <xapian.h>

#include <cerrno>

#include "parley/error.hpp"

namespace parley::util {
namespace {

// Xapian throws DatabaseOpeningError both when nothing at a path is a database and when a
// database there cannot be opened (permissions, too many open files): only the first is a
// missing index; the second carries the system's error number.
TEST(RethrowXapian, AnIndexThatCannotBeOpenedIsAnIoErrorNotAMissingIndex) {
    const Xapian::DatabaseOpeningError denied("Couldn't open /srv/i/main.1/postlist.glass to read",
                                              "", EACCES);
    EXPECT_THROW(rethrow_xapian(denied, "opening index /srv/i"), IndexIoError);
    const Xapian::DatabaseOpeningError files("Couldn't create shard-7/termlist.glass", "", EMFILE);
    try {
        rethrow_xapian(files, "creating /srv/i");
        FAIL() << "no exception";
    } catch (const IndexIoError& e) {
        EXPECT_NE(std::string(e.what()).find("Too many open files"), std::string::npos) << e.what();
    }
    const Xapian::DatabaseOpeningError unknown("Couldn't detect type of database");
    EXPECT_THROW(rethrow_xapian(unknown, "opening index /srv/i"), IndexMissingError);
    const Xapian::DatabaseNotFoundError none("No database here");
    EXPECT_THROW(rethrow_xapian(none, "opening index /srv/i"), IndexMissingError);
}

}  // namespace
}  // namespace parley::util
