// libFuzzer target: any bytes as a briefing file. The parser must not crash, leak or hang;
// its output never holds a citation in sentence text and its date is valid or absent.
#include <cstdint>
#include <cstdlib>
#include <string>

#include "index/codec.h"
#include "index/content_id.h"
#include "index/host_names.h"
#include "indexer/briefing_parser.h"

using namespace briefings;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string bytes(reinterpret_cast<const char*>(data), size);
  ParseContext context{"fuzz.txt", std::nullopt, 1775952000, Date{2026, 11, 25}};
  ParseOutcome outcome = parse_briefing(bytes, context);
  if (!outcome.briefing) return 0;
  const Briefing& b = *outcome.briefing;
  if (b.date_source != DateSource::none && !b.date.valid()) std::abort();
  for (const auto& p : b.paragraphs) {
    for (const auto& s : p.sentences) {
      for (const auto& h : s.hosts) {
        if (schema::normalize_host(h) != h) std::abort();
        if (s.text.find("(" + h + ")") != std::string::npos) std::abort();
      }
    }
  }
  // The codec must take whatever the parser produces.
  Briefing copy = b;
  copy.id = content_id(copy);
  if (!(decode_document_data(encode_document_data(copy)) == copy)) std::abort();
  return 0;
}
