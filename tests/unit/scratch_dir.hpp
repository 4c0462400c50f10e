#pragma once

#include <unistd.h>

#include <filesystem>
#include <string>

namespace parley::test {

// An empty directory of the test's own under the system's temporary directory, removed
// when the test ends, also when a failed ASSERT returns early: test runs leave nothing
// behind in /tmp. The process id in the name keeps parallel test processes apart.
class ScratchDir {
  public:
    explicit ScratchDir(const std::string& name)
        : path_(std::filesystem::temp_directory_path() /
                (name + "-" + std::to_string(::getpid()))) {
        std::filesystem::remove_all(path_);
        std::filesystem::create_directories(path_);
    }
    ~ScratchDir() {
        std::error_code ignored;  // a destructor must not throw
        std::filesystem::remove_all(path_, ignored);
    }
    ScratchDir(const ScratchDir&) = delete;
    ScratchDir& operator=(const ScratchDir&) = delete;

    const std::filesystem::path& path() const { return path_; }

  private:
    std::filesystem::path path_;
};

}  // namespace parley::test
