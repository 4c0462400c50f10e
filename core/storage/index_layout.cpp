#include "storage/index_layout.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "parley/error.hpp"

namespace parley::storage {
namespace {

namespace fs = std::filesystem;
constexpr const char* kStubName = "XAPIANDB";

// "main.12" → {"main", 12}; nullopt for names that are not shard directories.
std::optional<ShardRef> parse_directory_name(const std::string& name) {
    const auto dot = name.rfind('.');
    if (dot == std::string::npos || dot == 0 || dot + 1 == name.size()) return std::nullopt;
    const std::string digits = name.substr(dot + 1);
    if (!std::all_of(digits.begin(), digits.end(), [](char c) { return c >= '0' && c <= '9'; }) ||
        digits.size() > 9) {
        return std::nullopt;
    }
    return ShardRef{name.substr(0, dot), static_cast<unsigned>(std::stoul(digits))};
}

void fsync_path(const std::string& path, int flags) {
    const int fd = ::open(path.c_str(), flags);
    if (fd < 0) return;
    ::fsync(fd);
    ::close(fd);
}

}  // namespace

std::string IndexLayout::stub_path(const std::string& index_path) {
    return index_path + "/" + kStubName;
}

std::optional<IndexLayout> IndexLayout::load(const std::string& index_path) {
    std::ifstream in(stub_path(index_path));
    if (!in) return std::nullopt;
    IndexLayout layout(index_path);
    std::string line;
    std::size_t number = 0;
    while (std::getline(in, line)) {
        ++number;
        if (line.empty()) continue;
        std::istringstream words(line);
        std::string backend, directory;
        words >> backend >> directory;
        auto shard = parse_directory_name(directory);
        if (backend != "auto" || !shard) {
            throw IndexIoError(stub_path(index_path) + ":" + std::to_string(number) +
                               ": not a Parley shard entry: '" + line + "'");
        }
        layout.shards_.push_back(*shard);
    }
    return layout;
}

const ShardRef* IndexLayout::find(const std::string& name) const {
    for (const auto& s : shards_) {
        if (s.name == name) return &s;
    }
    return nullptr;
}

std::string IndexLayout::path_of(const ShardRef& shard) const {
    return index_path_ + "/" + shard.directory_name();
}

void IndexLayout::set(ShardRef shard) {
    for (auto& s : shards_) {
        if (s.name == shard.name) {
            s = std::move(shard);
            return;
        }
    }
    shards_.push_back(std::move(shard));
    std::sort(shards_.begin(), shards_.end(),
              [](const ShardRef& a, const ShardRef& b) { return a.name < b.name; });
}

void IndexLayout::commit() const {
    const std::string stub = stub_path(index_path_);
    const std::string temporary = stub + ".tmp";
    {
        std::ofstream out(temporary, std::ios::trunc);
        for (const auto& s : shards_) out << "auto " << s.directory_name() << "\n";
        out.flush();
        if (!out) throw IndexIoError(temporary + ": cannot write the shard list");
    }
    fsync_path(temporary, O_RDONLY);
    if (std::rename(temporary.c_str(), stub.c_str()) != 0) {
        throw IndexIoError(stub + ": cannot replace the shard list: " + std::strerror(errno));
    }
    fsync_path(index_path_, O_RDONLY | O_DIRECTORY);
}

void IndexLayout::remove_unlisted() const {
    std::error_code ec;
    for (const auto& entry : fs::directory_iterator(index_path_, ec)) {
        if (!entry.is_directory(ec)) continue;
        const auto shard = parse_directory_name(entry.path().filename().string());
        if (!shard) continue;
        const bool listed = std::any_of(shards_.begin(), shards_.end(), [&](const ShardRef& s) {
            return s.name == shard->name && s.generation == shard->generation;
        });
        if (!listed) fs::remove_all(entry.path(), ec);
    }
}

}  // namespace parley::storage
