#include "storage/write_lock.hpp"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "parley/error.hpp"

namespace parley::storage {

WriteLock::WriteLock(const std::string& index_path) {
    const std::string path = index_path + "/parley.lock";
    fd_ = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
    if (fd_ < 0) throw IndexIoError(path + ": cannot open the lock file: " + std::strerror(errno));
    if (::flock(fd_, LOCK_EX | LOCK_NB) != 0) {
        const int error = errno;
        ::close(fd_);
        fd_ = -1;
        if (error == EWOULDBLOCK) {
            throw IndexLockedError(
                index_path +
                ": another writer (parley-index, parley-serve or a program using IndexWriter) is "
                "writing to this index; wait for it to finish");
        }
        throw IndexIoError(path + ": cannot lock: " + std::strerror(error));
    }
}

WriteLock::~WriteLock() {
    if (fd_ >= 0) ::close(fd_);  // closing releases the flock
}

}  // namespace parley::storage
