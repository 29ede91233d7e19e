// relevance-run: briefings' ranking of a judged collection, for bench/relevance.
//
//   relevance-run DB QUERIES [NAME=VALUE...]
//                                prints a TREC run (`qid Q0 docid rank score tag`) of the
//                                top 1,000 for every query of QUERIES (a queries.tsv:
//                                `qid TAB query`, a header line first)
//
// Each query goes through Searcher::search exactly as `briefings search` sends it, typed as
// written. A document's id in the run is its file name without the extension. NAME=VALUE
// overrides one field of the ranking (searcher/ranking.h): k1, b, k3, headline_boost,
// proximity_boost, proximity_window, proximity_max_words, elite_words; bench/relevance --ranking
// passes them.
#include <filesystem>
#include <fstream>
#include <iostream>
#include <stdexcept>
#include <string>

#include "searcher/database.h"
#include "searcher/searcher.h"

constexpr unsigned kDepth = 1000;

briefings::Ranking ranking_of(int argc, char** argv) {
  briefings::Ranking r;
  for (int i = 3; i < argc; ++i) {
    const std::string arg = argv[i];
    const size_t eq = arg.find('=');
    const std::string name = arg.substr(0, eq);
    const double value = eq == std::string::npos ? 0 : std::stod(arg.substr(eq + 1));
    if (name == "k1") {
      r.k1 = value;
    } else if (name == "b") {
      r.b = value;
    } else if (name == "k3") {
      r.k3 = value;
    } else if (name == "headline_boost") {
      r.headline_boost = value;
    } else if (name == "proximity_boost") {
      r.proximity_boost = value;
    } else if (name == "proximity_window") {
      r.proximity_window = static_cast<Xapian::termpos>(value);
    } else if (name == "proximity_max_words") {
      r.proximity_max_words = static_cast<size_t>(value);
    } else if (name == "elite_words") {
      r.elite_words = static_cast<Xapian::termcount>(value);
    } else {
      throw std::invalid_argument("unknown ranking field: " + arg);
    }
  }
  return r;
}

int main(int argc, char** argv) {
  if (argc < 3) {
    std::cerr << "usage: relevance-run DB QUERIES [NAME=VALUE...]\n";
    return 2;
  }
  try {
    briefings::Searcher searcher(briefings::open_for_reading(argv[1]), ranking_of(argc, argv));
    std::ifstream in(argv[2]);
    std::string line;
    std::getline(in, line);  // the header
    while (std::getline(in, line)) {
      const size_t tab = line.find('\t');
      if (tab == std::string::npos) continue;
      briefings::SearchRequest request;
      request.query = line.substr(tab + 1);
      request.limit = briefings::kMaxLimit;
      const std::string qid = line.substr(0, tab);
      unsigned rank = 0;
      // Page by page, as a user paging through the results would.
      for (request.offset = 0; request.offset < kDepth; request.offset += request.limit) {
        auto result = searcher.search(request);
        for (const auto& hit : result.results) {
          std::cout << qid << " Q0 " << std::filesystem::path(hit.path).stem().string() << ' '
                    << ++rank << ' ' << hit.score << " briefings\n";
        }
        if (result.results.size() < request.limit) break;
      }
    }
    return 0;
  } catch (const std::exception& e) {
    std::cerr << "relevance-run: " << e.what() << "\n";
    return 1;
  }
}
