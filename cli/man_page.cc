// The man pages, in roff with the man(7) macros only (.TH .SH .TP .B .I .PP .br), which
// every man(1) renders. Text is escaped once, in roff(): every '-' becomes "\-" so options
// copy out of the page as typed, and a line may never start with a control character.
#include <cctype>
#include <regex>
#include <sstream>

#include "cli/cli_docs.h"
#include "cli/database_location.h"

namespace briefings::cli {

namespace {

std::string roff(const std::string& text) {
  std::string out;
  bool line_start = true;
  for (char c : text) {
    // "\&" is zero width: a '.' or '\'' after it is text, not a request.
    if (line_start && (c == '.' || c == '\'')) out += "\\&";
    line_start = false;
    if (c == '\\') {
      out += "\\e";
    } else if (c == '-') {
      out += "\\-";
    } else if (c == '\n') {
      out += ' ';  // filled text: a line break would only become a space
    } else {
      out += c;
    }
  }
  return out;
}

std::string bold(const std::string& text) {
  return "\\fB" + roff(text) + "\\fR";
}

std::string italic(const std::string& text) {
  return "\\fI" + roff(text) + "\\fR";
}

std::string sentence(std::string text) {
  if (!text.empty() && text.back() != '.') text += '.';
  return text;
}

// "-n, --limit UINT", "--sort relevance|newest|oldest", or "PATH..." for a positional.
std::string option_tag(const OptionDoc& option) {
  if (option.names.empty()) return italic(option.value) + (option.repeatable ? "..." : "");
  std::string tag;
  for (const auto& name : option.names) tag += (tag.empty() ? "" : ", ") + bold(name);
  if (!option.choices.empty()) {
    std::string choices;
    for (const auto& c : option.choices) choices += (choices.empty() ? "" : "|") + italic(c);
    tag += " " + choices;
  } else if (!option.value.empty()) {
    tag += " " + italic(option.value);
  }
  return tag;
}

std::string option_text(const OptionDoc& option) {
  std::string text = sentence(option.description);
  // CLI::Range describes itself as "UINT in [0 - 256]".
  static const std::regex range(R"(\w+ in \[(\S+) - (\S+)\])");
  for (const auto& limit : option.limits) {
    std::smatch m;
    const bool is_range = std::regex_match(limit, m, range);
    text += " Accepts " + (is_range ? "from " + m[1].str() + " to " + m[2].str() : limit) + ".";
  }
  if (!option.default_value.empty()) text += " Default: " + option.default_value + ".";
  if (option.repeatable && !option.names.empty()) text += " May be given more than once.";
  return roff(text);
}

void options_section(std::ostream& out, const char* title, const std::vector<OptionDoc>& list) {
  if (list.empty()) return;
  out << ".SH " << title << "\n";
  for (const OptionDoc& option : list) {
    out << ".TP\n" << option_tag(option) << "\n" << option_text(option) << "\n";
  }
}

void header(std::ostream& out, const std::string& page, const std::string& summary) {
  std::string title;
  for (char c : page) title += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  std::string name_line = summary;
  if (name_line.size() > 1 && std::isupper(static_cast<unsigned char>(name_line[0])) &&
      std::islower(static_cast<unsigned char>(name_line[1]))) {
    name_line[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(name_line[0])));
  }
  // No hyphenation and a ragged right margin: option names, paths and page names stay whole.
  out << ".TH " << roff(title) << " 1 \"\" \"briefings\" \"User Commands\"\n"
      << ".nh\n.ad l\n"
      << ".SH NAME\n"
      << roff(page) << " \\- " << roff(name_line) << "\n";
}

void exit_status_section(std::ostream& out, const ProgramDoc& program) {
  out << ".SH EXIT STATUS\n";
  for (const auto& [code, meaning] : program.exit_codes) {
    std::string text = sentence(meaning);
    text[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(text[0])));
    out << ".TP\n.B " << code << "\n" << roff(text) << "\n";
  }
}

bool has_option(const CommandDoc& command, const std::string& name) {
  for (const auto& option : command.options) {
    for (const auto& n : option.names) {
      if (n == name) return true;
    }
  }
  return false;
}

// The environment and files a page mentions: all of them on briefings(1), and on a
// command's page those that touch one of its options.
void environment_and_files(std::ostream& out, const CommandDoc* command) {
  const std::string data_home = kDataHomeVariable;
  const std::string default_db = std::string(kDataHomeFallback) + "/" + kDatabaseInDataHome;
  struct Entry {
    std::string name, option, text;
  };
  const Entry variables[] = {
      {kDatabaseVariable, "--db", "The database folder when --db is not given."},
      {data_home, "--db",
       "When " + std::string(kDatabaseVariable) + " is unset, the database is $" + data_home + "/" +
           kDatabaseInDataHome + "; unset or empty means " + kDataHomeFallback + "."},
      {"NO_COLOR", "--color", "When set and not empty, no colour, even with --color always."},
  };
  bool any = false;
  for (const Entry& v : variables) {
    if (command && !has_option(*command, v.option)) continue;
    if (!any) out << ".SH ENVIRONMENT\n";
    any = true;
    out << ".TP\n.B " << roff(v.name) << "\n" << roff(v.text) << "\n";
  }
  if (command && !has_option(*command, "--db")) return;
  out << ".SH FILES\n.TP\n.I " << roff(default_db) << "\n"
      << roff("The database, a folder, unless --db or $" + std::string(kDatabaseVariable) +
              " names another; under $" + data_home + " when that is set.")
      << "\n";
}

std::string page_reference(const std::string& page) {
  return bold(page) + "(1)";
}

void see_also(std::ostream& out, const ProgramDoc& program, const CommandDoc* current) {
  std::string refs = current ? page_reference(program.name) : "";
  for (const CommandDoc& command : program.commands) {
    if (&command == current) continue;
    refs += (refs.empty() ? "" : ",\n") + page_reference(program.name + "-" + command.name);
  }
  out << ".SH SEE ALSO\n"
      << refs << "\n.PP\n"
      << roff(
             "The guides docs/usage.md and docs/query-syntax.md, installed in "
             "share/doc/briefings under the installation prefix.")
      << "\n";
}

}  // namespace

std::string man_page(const ProgramDoc& program) {
  std::ostringstream out;
  header(out, program.name, program.summary);
  out << ".SH SYNOPSIS\n.B " << roff(program.name) << "\n"
      << italic("COMMAND") << " [" << italic("OPTIONS") << "] [" << italic("ARGUMENTS") << "...]\n";
  for (const OptionDoc& option : program.options) {
    std::string names;
    for (const auto& n : option.names) names += (names.empty() ? "" : "|") + bold(n);
    out << ".br\n.B " << roff(program.name) << "\n" << names << "\n";
  }
  out << ".SH DESCRIPTION\n"
      << roff(program.name +
              " indexes saved news briefings (text and Markdown files) into a "
              "database and searches it from the terminal or a web page. Each "
              "command has its own page.")
      << "\n.SH COMMANDS\n";
  for (const CommandDoc& command : program.commands) {
    out << ".TP\n"
        << bold(command.name) << "\n"
        << roff(sentence(command.description)) << " See "
        << page_reference(program.name + "-" + command.name) << ".\n";
  }
  options_section(out, "OPTIONS", program.options);
  exit_status_section(out, program);
  environment_and_files(out, nullptr);
  see_also(out, program, nullptr);
  return out.str();
}

std::string man_page(const ProgramDoc& program, const CommandDoc& command) {
  std::ostringstream out;
  header(out, program.name + "-" + command.name, command.description);
  out << ".SH SYNOPSIS\n.B " << roff(program.name + " " + command.name) << "\n["
      << italic("OPTIONS") << "]";
  for (const OptionDoc& p : command.positionals) {
    const std::string arg = italic(p.value) + (p.repeatable ? "..." : "");
    out << " " << (p.required ? arg : "[" + arg + "]");
  }
  out << "\n.SH DESCRIPTION\n" << roff(sentence(command.description)) << "\n";
  if (!command.notes.empty()) out << ".PP\n" << roff(command.notes) << "\n";
  options_section(out, "ARGUMENTS", command.positionals);
  options_section(out, "OPTIONS", command.options);
  exit_status_section(out, program);
  environment_and_files(out, &command);
  see_also(out, program, &command);
  return out.str();
}

}  // namespace briefings::cli
