// xapian-defaults-peer: the ranking a plain Xapian program gets with Xapian's own defaults,
// as the peer of bench/relevance.
//
//   xapian-defaults-peer DB QUERIES BRIEFINGS_FOLDER   indexes every file of the folder into a
//                                                      new database at DB, then prints a TREC
//                                                      run of the top 1,000 for every query
//
// QUERIES is a collection's queries.tsv (`qid TAB query`, a header line first). Each file is
// read with our parser, so both sides index the same text (headline and paragraphs, the app
// footer dropped); the rest is Xapian's defaults: a TermGenerator with the English stemmer
// (its default STEM_SOME strategy), a QueryParser with the same stemmer, the database set and
// its default operator OR, no stop words, and BM25Weight with its default parameters. A
// document's id in the run is its file name without the extension, as in qrels.txt.
#include <xapian.h>

#include <filesystem>
#include <fstream>
#include <iostream>
#include <string>
#include <vector>

#include "indexer/briefing_parser.h"
#include "indexer/file_walker.h"

namespace {

std::string read_all(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

void index_folder(const std::string& db_path, const std::string& folder) {
  Xapian::WritableDatabase db(db_path, Xapian::DB_CREATE_OR_OVERWRITE);
  Xapian::TermGenerator generator;
  generator.set_stemmer(Xapian::Stem("english"));
  for (const auto& file : briefings::walk_inputs({folder}).files) {
    briefings::ParseContext context{file.path, {}, 0, {}};
    auto outcome = briefings::parse_briefing(read_all(file.path), context);
    if (!outcome.briefing) continue;
    Xapian::Document doc;
    generator.set_document(doc);
    generator.index_text(outcome.briefing->headline);
    generator.increase_termpos();
    generator.index_text(outcome.briefing->body_text());
    doc.set_data(std::filesystem::path(file.path).stem().string());
    db.add_document(doc);
  }
  db.commit();
}

void run_queries(const std::string& db_path, const std::string& queries) {
  Xapian::Database db(db_path);
  Xapian::QueryParser parser;
  parser.set_stemmer(Xapian::Stem("english"));
  parser.set_database(db);
  Xapian::Enquire enquire(db);
  std::ifstream in(queries);
  std::string line;
  std::getline(in, line);  // the header
  while (std::getline(in, line)) {
    const size_t tab = line.find('\t');
    if (tab == std::string::npos) continue;
    const std::string qid = line.substr(0, tab);
    enquire.set_query(parser.parse_query(line.substr(tab + 1)));
    Xapian::MSet mset = enquire.get_mset(0, 1000);
    unsigned rank = 0;
    for (auto it = mset.begin(); it != mset.end(); ++it) {
      std::cout << qid << " Q0 " << it.get_document().get_data() << ' ' << ++rank << ' '
                << it.get_weight() << " xapian-defaults\n";
    }
  }
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 4) {
    std::cerr << "usage: xapian-defaults-peer DB QUERIES BRIEFINGS_FOLDER\n";
    return 2;
  }
  try {
    index_folder(argv[1], argv[3]);
    run_queries(argv[1], argv[2]);
    return 0;
  } catch (const Xapian::Error& e) {
    std::cerr << "xapian-defaults-peer: " << e.get_description() << "\n";
  } catch (const std::exception& e) {
    std::cerr << "xapian-defaults-peer: " << e.what() << "\n";
  }
  return 1;
}
