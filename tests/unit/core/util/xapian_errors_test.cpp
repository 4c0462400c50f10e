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

// A database whose lock another writer holds is a locked index; one whose lock file cannot
// be made at all (a read-only file system, too many open files) is an I/O error saying why.
// Both were "another writer is writing to this index": on a read-only mount,
// `parley-index --index RO FILES` and `retag` sent the user looking for a writer that
// was not there.
TEST(RethrowXapian, ALockThatCannotBeTakenIsAnIoErrorNotAnotherWriter) {
    const Xapian::DatabaseLockError held(
        "Unable to get write lock on /srv/i/main.3: already locked");
    EXPECT_THROW(rethrow_xapian(held, "opening /srv/i/main.3 for writing"), IndexLockedError);
    const Xapian::DatabaseLockError read_only(
        "Unable to get write lock on /srv/i/main.3: Couldn't open lockfile: Read-only file system");
    try {
        rethrow_xapian(read_only, "opening /srv/i/main.3 for writing");
        FAIL() << "no exception";
    } catch (const IndexLockedError& e) {
        FAIL() << "said to be locked: " << e.what();
    } catch (const IndexIoError& e) {
        const std::string what = e.what();
        EXPECT_NE(what.find("opening /srv/i/main.3 for writing: "), std::string::npos) << what;
        EXPECT_NE(what.find("Read-only file system"), std::string::npos) << what;
        EXPECT_EQ(what.find("another writer"), std::string::npos) << what;
    }
    const Xapian::DatabaseLockError files(
        "Unable to get write lock on /srv/i/main.3: too many open files");
    EXPECT_THROW(rethrow_xapian(files, "opening /srv/i/main.3 for writing"), IndexIoError);
}

}  // namespace
}  // namespace parley::util
