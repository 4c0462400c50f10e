#include "schema/token_stream.hpp"

#include <algorithm>
#include <array>
#include <bit>
#include <cmath>
#include <cstring>
#include <utility>

#include "util/fingerprint.hpp"

namespace parley::schema {
namespace {

constexpr unsigned kMinWidth = 8;  // so that the padding of the last byte never holds a code
constexpr unsigned kMaxWidth = 32;
// Flags in byte 0, above the width (at most 32): streams written since pair summaries were
// say which common pairs occur. Older streams have neither flag, and are decoded.
constexpr unsigned kHasPairs = 0x80;  // the pair summary follows the salt
constexpr unsigned kNoPairs = 0x40;   // no common pair occurs; no summary bytes
constexpr unsigned kWidthBits = 0x3f;
constexpr std::size_t kPairBytes = 8;

// The commonest adjacent pairs of English function words, as stems (each word here is its
// own stem): bit i of a stream's pair summary says whether pair i occurs. Counted over the
// generated benchmark archive (State of the Union text); "of the" is in 71% of its
// paragraphs and the 64th pair in 5%. Append only: the bits are stored in indexes.
constexpr std::array<std::pair<std::string_view, std::string_view>, 64> kCommonPairs{{
    {"of", "the"},    {"in", "the"},    {"to", "the"},   {"and", "the"},   {"for", "the"},
    {"by", "the"},    {"of", "our"},    {"it", "is"},    {"on", "the"},    {"that", "the"},
    {"to", "be"},     {"with", "the"},  {"has", "been"}, {"have", "been"}, {"from", "the"},
    {"will", "be"},   {"of", "a"},      {"at", "the"},   {"and", "to"},    {"of", "this"},
    {"should", "be"}, {"in", "a"},      {"we", "have"},  {"as", "a"},      {"may", "be"},
    {"of", "their"},  {"is", "the"},    {"as", "the"},   {"is", "not"},    {"all", "the"},
    {"and", "a"},     {"to", "a"},      {"and", "in"},   {"which", "the"}, {"in", "this"},
    {"and", "that"},  {"more", "than"}, {"the", "most"}, {"is", "a"},      {"in", "our"},
    {"for", "a"},     {"to", "our"},    {"not", "be"},   {"with", "a"},    {"and", "of"},
    {"we", "are"},    {"i", "have"},    {"would", "be"}, {"of", "that"},   {"we", "must"},
    {"it", "was"},    {"of", "all"},    {"of", "these"}, {"can", "be"},    {"it", "has"},
    {"it", "will"},   {"as", "to"},     {"that", "we"},  {"by", "a"},      {"and", "i"},
    {"there", "is"},  {"and", "it"},    {"that", "it"},  {"the", "other"},
}};

// Which pair, if any, two adjacent terms' base hashes make.
class PairTable {
  public:
    PairTable() {
        for (std::size_t i = 0; i < kCommonPairs.size(); ++i)
            bits_.push_back({token_hash(kCommonPairs[i].first), token_hash(kCommonPairs[i].second),
                             static_cast<unsigned>(i)});
        std::sort(bits_.begin(), bits_.end());
    }
    /// The pair's bit, or -1.
    int bit(std::uint64_t first, std::uint64_t second) const {
        const Entry key{first, second, 0};
        const auto it = std::lower_bound(bits_.begin(), bits_.end(), key);
        return it != bits_.end() && it->first == first && it->second == second
                   ? static_cast<int>(it->bit)
                   : -1;
    }

  private:
    struct Entry {
        std::uint64_t first, second;
        unsigned bit;
        bool operator<(const Entry& o) const {
            return first != o.first ? first < o.first : second < o.second;
        }
    };
    std::vector<Entry> bits_;
};

const PairTable& pair_table() {
    static const PairTable table;
    return table;
}

std::uint64_t salted(std::uint64_t base, unsigned salt) {
    // splitmix64's finaliser: every salt gives an unrelated code for the same term.
    std::uint64_t z = base ^ (0x9E3779B97F4A7C15ULL * (salt + 1));
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
}

std::uint32_t code_of(std::uint64_t base, unsigned salt, unsigned width) {
    return static_cast<std::uint32_t>(salted(base, salt) >> (64 - width));
}

// Whether `salt` at `width` gives every distinct base hash its own code.
bool injective(const std::vector<std::uint64_t>& distinct, unsigned salt, unsigned width,
               std::vector<std::uint32_t>& scratch) {
    if (width <= 16) {
        // A bitmap of the codes seen, cleared afterwards only where it was set.
        thread_local std::vector<std::uint64_t> seen(1u << 10, 0);
        bool ok = true;
        std::size_t set = 0;
        scratch.clear();
        for (const std::uint64_t h : distinct) {
            const std::uint32_t c = code_of(h, salt, width);
            std::uint64_t& word = seen[c >> 6];
            const std::uint64_t bit = 1ULL << (c & 63);
            if (word & bit) {
                ok = false;
                break;
            }
            word |= bit;
            scratch.push_back(c);
            ++set;
        }
        for (const std::uint32_t c : scratch) seen[c >> 6] = 0;
        return ok;
    }
    scratch.clear();
    for (const std::uint64_t h : distinct) scratch.push_back(code_of(h, salt, width));
    std::sort(scratch.begin(), scratch.end());
    return std::adjacent_find(scratch.begin(), scratch.end()) == scratch.end();
}

}  // namespace

std::uint64_t token_hash(std::string_view term) { return util::fnv1a64(term); }

std::vector<std::pair<std::string_view, std::string_view>> common_pairs() {
    return {kCommonPairs.begin(), kCommonPairs.end()};
}

std::uint64_t pair_summary(const std::vector<std::uint64_t>& hashes) {
    const PairTable& table = pair_table();
    std::uint64_t pairs = 0;
    for (std::size_t i = 0; i + 1 < hashes.size(); ++i) {
        if (const int bit = table.bit(hashes[i], hashes[i + 1]); bit >= 0) pairs |= 1ULL << bit;
    }
    return pairs;
}

std::string encode_token_stream(const std::vector<std::string_view>& terms) {
    std::vector<std::uint64_t> hashes;
    hashes.reserve(terms.size());
    for (const auto term : terms) hashes.push_back(token_hash(term));
    std::vector<std::uint64_t> distinct = hashes;
    std::sort(distinct.begin(), distinct.end());
    distinct.erase(std::unique(distinct.begin(), distinct.end()), distinct.end());

    // Start where a random salt succeeds with probability about 1/16 (the chance that n
    // codes in 2^w slots are distinct is about exp(-n^2 / 2^(w+1))): a few tries, and codes
    // only a bit or two wider than the fewest that could work.
    const double n = static_cast<double>(distinct.size());
    unsigned width = kMinWidth;
    while (width < kMaxWidth &&
           n * n / std::ldexp(1.0, static_cast<int>(width) + 1) > std::log(16.0))
        ++width;
    std::vector<std::uint32_t> scratch;
    for (; width <= kMaxWidth; ++width) {
        const unsigned tries = width == kMaxWidth ? 256 : 24;
        for (unsigned salt = 0; salt < tries; ++salt) {
            if (!injective(distinct, salt, width, scratch)) continue;
            const std::uint64_t pairs = pair_summary(hashes);
            std::string out;
            out.reserve(2 + (pairs ? kPairBytes : 0) + (hashes.size() * width + 7) / 8);
            out.push_back(static_cast<char>(width | (pairs ? kHasPairs : kNoPairs)));
            out.push_back(static_cast<char>(salt));
            for (std::size_t b = 0; pairs && b < kPairBytes; ++b)
                out.push_back(static_cast<char>((pairs >> (8 * b)) & 0xff));
            std::uint64_t acc = 0;  // bits not yet written, LSB first
            unsigned bits = 0;
            for (const std::uint64_t h : hashes) {
                acc |= static_cast<std::uint64_t>(code_of(h, salt, width)) << bits;
                bits += width;
                while (bits >= 8) {
                    out.push_back(static_cast<char>(acc & 0xff));
                    acc >>= 8;
                    bits -= 8;
                }
            }
            if (bits > 0) out.push_back(static_cast<char>(acc & 0xff));
            return out;
        }
    }
    return std::string(2, '\0');  // width 0: the searcher re-analyses the text
}

std::uint64_t stream_pairs(std::string_view stream) {
    if (stream.size() < 2) return kUnknownPairs;
    const unsigned head = static_cast<unsigned char>(stream[0]);
    if ((head & kHasPairs) && (head & kNoPairs)) return kUnknownPairs;
    if (head & kNoPairs) return 0;
    if (!(head & kHasPairs) || stream.size() < 2 + kPairBytes) return kUnknownPairs;
    std::uint64_t pairs = 0;
    for (std::size_t b = 0; b < kPairBytes; ++b)
        pairs |= std::uint64_t{static_cast<unsigned char>(stream[2 + b])} << (8 * b);
    return pairs;
}

bool stream_positions(std::string_view stream, const std::vector<std::string>& terms,
                      std::vector<std::vector<std::uint32_t>>& out) {
    out.assign(terms.size(), {});
    if (stream.size() < 2) return false;
    const unsigned head = static_cast<unsigned char>(stream[0]);
    const unsigned width = head & kWidthBits;
    const unsigned salt = static_cast<unsigned char>(stream[1]);
    if (width < kMinWidth || width > kMaxWidth || (head & kHasPairs && head & kNoPairs))
        return false;
    const std::size_t header = head & kHasPairs ? 2 + kPairBytes : 2;
    if (stream.size() < header) return false;
    std::vector<std::uint32_t> targets;
    for (const auto& t : terms) targets.push_back(code_of(token_hash(t), salt, width));
    // Decoded in turn: a paragraph is a few hundred codes, and every place is wanted.
    const std::size_t count = (stream.size() - header) * 8 / width;
    std::uint64_t acc = 0;
    unsigned bits = 0;
    std::size_t at = header;
    for (std::size_t i = 0; i < count; ++i) {
        while (bits < width) {
            acc |= std::uint64_t{static_cast<unsigned char>(stream[at++])} << bits;
            bits += 8;
        }
        const auto code = static_cast<std::uint32_t>(acc & ((std::uint64_t{1} << width) - 1));
        acc >>= width;
        bits -= width;
        for (std::size_t j = 0; j < targets.size(); ++j) {
            if (targets[j] == code) out[j].push_back(static_cast<std::uint32_t>(i + 1));
        }
    }
    return true;
}

PhraseCheck::PhraseCheck(const std::vector<std::string>& terms, std::size_t anchor) {
    for (const auto& t : terms) hashes_.push_back(token_hash(t));
    anchor_ = anchor < hashes_.size() ? anchor : (hashes_.empty() ? 0 : hashes_.size() - 1);
    pairs_ = pair_summary(hashes_);
    pairs_decide_ = hashes_.size() == 2 && pairs_ != 0;
}

PhraseCheck::Result PhraseCheck::check(std::string_view stream) const {
    if (stream.size() < 2) return Result::Unknown;
    const unsigned head = static_cast<unsigned char>(stream[0]);
    const unsigned width = head & kWidthBits;
    const unsigned salt = static_cast<unsigned char>(stream[1]);
    if (width < kMinWidth || width > kMaxWidth || (head & kHasPairs && head & kNoPairs))
        return Result::Unknown;
    if (head & kHasPairs && stream.size() < 2 + kPairBytes) return Result::Unknown;
    // The summary answers for a phrase whose adjacent pairs are common ones without
    // decoding a code: "of the" is in most paragraphs, and decoding was its whole cost.
    if (const Result r = check_pairs(stream_pairs(stream)); r != Result::Unknown) return r;
    const std::size_t header = head & kHasPairs ? 2 + kPairBytes : 2;
    const std::size_t k = hashes_.size();
    const std::size_t count = (stream.size() - header) * 8 / width;
    if (k == 0 || count < k) return Result::NoMatch;
    thread_local std::vector<std::uint32_t> targets;
    targets.resize(k);
    for (std::size_t j = 0; j < k; ++j) targets[j] = code_of(hashes_[j], salt, width);
    // Codes are read where they lie, not decoded in turn: the code at position i starts at
    // bit i * width, and one unaligned 8-byte load holds it (width <= 32, shift <= 7). The
    // last 8 bytes of the stream are read byte by byte, so no load passes its end.
    const auto* p = reinterpret_cast<const unsigned char*>(stream.data() + header);
    const std::size_t bytes = stream.size() - header;
    const std::uint64_t mask = width == 32 ? 0xffffffffULL : (1ULL << width) - 1;
    auto code_at = [&](std::size_t i) {
        const std::size_t bit = i * width, at = bit >> 3;
        std::uint64_t word = 0;
        if (std::endian::native == std::endian::little && at + 8 <= bytes) {
            std::memcpy(&word, p + at, 8);
        } else {
            for (std::size_t b = 0; at + b < bytes; ++b)
                word |= std::uint64_t{p[at + b]} << (8 * b);
        }
        return static_cast<std::uint32_t>((word >> (bit & 7)) & mask);
    };
    // Positions are scanned for the anchor word's code (the phrase's rarest word, so that
    // few positions need the other words compared), and the scan stops at the first full
    // match: a match is usually found well before the end, a miss costs one comparison per
    // word.
    const std::size_t a = anchor_;
    const std::uint32_t target = targets[a];
    auto holds_phrase_at = [&](std::size_t i) {  // the anchor word at position i
        for (std::size_t j = 0; j < k; ++j) {
            if (j != a && code_at(i - a + j) != targets[j]) return false;
        }
        return true;
    };
    const std::size_t scan_end = count - (k - 1 - a);  // the anchor's last possible place
    std::size_t i = a;
    if (std::endian::native == std::endian::little && bytes >= 8) {
        // Positions whose load stays inside the stream, without the bounds test.
        const std::size_t fast_end = std::min(scan_end, (bytes - 8) * 8 / width + 1);
        // Several codes per load, compared at once (SWAR): one 8-byte load holds
        // `per_load` whole codes after its shift of at most 7 bits. Their XOR with the
        // target repeated in every field has a zero field exactly where a code equals
        // the target, and (x - ones) & ~x & highs is non-zero exactly when some field is
        // zero (a borrow only starts at a zero field). Only then are the fields looked at
        // one by one. A miss, the usual case, costs a few operations per load instead of
        // a few per position.
        const std::size_t per_load = 57 / width;
        if (per_load >= 2) {
            std::uint64_t ones = 0;
            for (std::size_t f = 0; f < per_load; ++f) ones |= std::uint64_t{1} << (f * width);
            const std::uint64_t highs = ones << (width - 1);
            const std::uint64_t fields = (std::uint64_t{1} << (per_load * width)) - 1;
            const std::uint64_t pattern = ones * target;
            for (std::size_t bit = i * width; i + per_load <= fast_end;
                 i += per_load, bit += per_load * width) {
                std::uint64_t word;
                std::memcpy(&word, p + (bit >> 3), 8);
                const std::uint64_t x = ((word >> (bit & 7)) & fields) ^ pattern;
                if (!((x - ones) & ~x & highs)) continue;
                for (std::size_t f = 0; f < per_load; ++f) {
                    if (((x >> (f * width)) & mask) == 0 && holds_phrase_at(i + f))
                        return Result::Match;
                }
            }
        }
        for (std::size_t bit = i * width; i < fast_end; ++i, bit += width) {
            std::uint64_t word;
            std::memcpy(&word, p + (bit >> 3), 8);
            if (static_cast<std::uint32_t>((word >> (bit & 7)) & mask) == target &&
                holds_phrase_at(i))
                return Result::Match;
        }
    }
    for (; i < scan_end; ++i) {
        if (code_at(i) == target && holds_phrase_at(i)) return Result::Match;
    }
    return Result::NoMatch;
}

}  // namespace parley::schema
