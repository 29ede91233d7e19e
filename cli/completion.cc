// The completion scripts for bash, zsh and fish, written from a ProgramDoc. Each shell gets
// the commands, each command's options, the values an option accepts (--sort, --color),
// folders or files where a value or an argument is a path, and nothing where it is free text.
#include <sstream>
#include <stdexcept>

#include "cli/cli_docs.h"

namespace briefings::cli {

namespace {

std::string joined(const std::vector<std::string>& words, const std::string& separator) {
  std::string out;
  for (const auto& w : words) out += (out.empty() ? "" : separator) + w;
  return out;
}

std::vector<std::string> option_names(const std::vector<OptionDoc>& options) {
  std::vector<std::string> names;
  for (const auto& o : options) names.insert(names.end(), o.names.begin(), o.names.end());
  return names;
}

std::vector<std::string> command_names(const ProgramDoc& program) {
  std::vector<std::string> names;
  for (const auto& c : program.commands) names.push_back(c.name);
  return names;
}

bool positional_files(const CommandDoc& command) {
  for (const auto& p : command.positionals) {
    if (p.completes == Completes::files) return true;
  }
  return false;
}

// "'text'" for the shell, a quote inside written as bash and zsh read it.
std::string sh_quoted(const std::string& text) {
  std::string out = "'";
  for (char c : text) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

// --- bash ---------------------------------------------------------------------------------

// The `case "$prev"` arms of one command: what follows an option that takes a value.
void bash_value_cases(std::ostream& out, const CommandDoc& command) {
  std::vector<std::string> free_text;
  for (const OptionDoc& o : command.options) {
    if (o.value.empty() && o.choices.empty()) continue;  // a flag
    const std::string pattern = joined(o.names, "|");
    switch (o.completes) {
      case Completes::choices:
        out << "        " << pattern << ") _briefings_words " << sh_quoted(joined(o.choices, " "))
            << " \"$cur\"; return ;;\n";
        break;
      case Completes::directories:
        out << "        " << pattern << ") _briefings_paths -d \"$cur\"; return ;;\n";
        break;
      case Completes::files:
        out << "        " << pattern << ") _briefings_paths -f \"$cur\"; return ;;\n";
        break;
      case Completes::nothing:
        free_text.insert(free_text.end(), o.names.begin(), o.names.end());
        break;
    }
  }
  if (!free_text.empty()) out << "        " << joined(free_text, "|") << ") return ;;\n";
}

void bash_command(std::ostream& out, const CommandDoc& command) {
  out << "    " << command.name << ")\n      case \"$prev\" in\n";
  bash_value_cases(out, command);
  out << "      esac\n";
  const std::string options = sh_quoted(joined(option_names(command.options), " "));
  if (positional_files(command)) {
    out << "      if [[ $cur == -* ]]; then _briefings_words " << options
        << " \"$cur\"; else _briefings_paths -f \"$cur\"; fi\n";
  } else {
    out << "      _briefings_words " << options << " \"$cur\"\n";
  }
  out << "      ;;\n";
}

std::string bash_script(const ProgramDoc& program) {
  std::ostringstream out;
  const std::string commands = joined(command_names(program), " ");
  out << "# bash completion for " << program.name << ", written by `" << program.name
      << " --generate-completion bash`\n# from the program's own option definitions.\n\n"
      << "_briefings_words() {\n  mapfile -t COMPREPLY < <(compgen -W \"$1\" -- \"$2\")\n}\n\n"
      << "_briefings_paths() {\n  compopt -o filenames 2>/dev/null\n"
      << "  mapfile -t COMPREPLY < <(compgen \"$1\" -- \"$2\")\n}\n\n"
      << "_briefings() {\n"
      << "  local cur=\"${COMP_WORDS[COMP_CWORD]}\" prev=\"\" command=\"\" i\n"
      << "  COMPREPLY=()\n"
      << "  if ((COMP_CWORD > 0)); then prev=\"${COMP_WORDS[COMP_CWORD - 1]}\"; fi\n"
      << "  # bash splits \"--sort=new\" into \"--sort\" \"=\" \"new\"\n"
      << "  if [[ $cur == \"=\" ]]; then\n    cur=\"\"\n"
      << "  elif [[ $prev == \"=\" ]] && ((COMP_CWORD > 1)); then\n"
      << "    prev=\"${COMP_WORDS[COMP_CWORD - 2]}\"\n  fi\n"
      << "  for ((i = 1; i < COMP_CWORD; i++)); do\n"
      << "    case \"${COMP_WORDS[i]}\" in\n"
      << "      " << joined(command_names(program), "|")
      << ") command=\"${COMP_WORDS[i]}\"; break ;;\n"
      << "    esac\n  done\n"
      << "  case \"$command\" in\n"
      << "    \"\")\n      if [[ $cur == -* ]]; then _briefings_words "
      << sh_quoted(joined(option_names(program.options), " "))
      << " \"$cur\"; else _briefings_words " << sh_quoted(commands) << " \"$cur\"; fi\n"
      << "      ;;\n";
  for (const CommandDoc& command : program.commands) bash_command(out, command);
  out << "  esac\n}\n\ncomplete -F _briefings " << program.name << "\n";
  return out.str();
}

// --- zsh ----------------------------------------------------------------------------------

// Text inside an _arguments "[explanation]" or a "name:description" item.
std::string zsh_text(const std::string& text) {
  std::string out;
  for (char c : text) {
    if (c == '[' || c == ']' || c == ':' || c == '\\') out += '\\';
    out += c;
  }
  return out;
}

std::string zsh_action(const OptionDoc& o) {
  switch (o.completes) {
    case Completes::choices:
      return "(" + joined(o.choices, " ") + ")";
    case Completes::directories:
      return "_files -/";
    case Completes::files:
      return "_files";
    case Completes::nothing:
      break;
  }
  return " ";  // a message only: the value is free text
}

// One _arguments spec: '(-n --limit)'{-n+,--limit=}'[Results to show]:UINT: '.
std::string zsh_option(const OptionDoc& o) {
  const bool takes_value = !o.value.empty() || !o.choices.empty();
  std::vector<std::string> forms;
  for (const auto& n : o.names) {
    forms.push_back(takes_value ? n + (n.size() == 2 ? "+" : "=") : n);
  }
  std::string spec;
  if (o.repeatable) {
    spec = "'*'";
  } else if (forms.size() > 1) {
    spec = sh_quoted("(" + joined(o.names, " ") + ")");
  }
  spec += forms.size() > 1 ? "{" + joined(forms, ",") + "}" : forms.front();
  std::string rest = "[" + zsh_text(o.description) + "]";
  if (takes_value)
    rest += ":" + zsh_text(o.value.empty() ? "VALUE" : o.value) + ":" + zsh_action(o);
  return spec + sh_quoted(rest);
}

std::string zsh_positional(const OptionDoc& p) {
  const std::string head = p.repeatable ? "*:" : (p.required ? ":" : "::");
  return sh_quoted(head + zsh_text(p.value) + ":" + zsh_action(p));
}

std::string zsh_script(const ProgramDoc& program) {
  std::ostringstream out;
  out << "#compdef " << program.name << "\n# zsh completion for " << program.name
      << ", written by `" << program.name
      << " --generate-completion zsh`\n# from the program's own option definitions.\n\n";
  for (const CommandDoc& command : program.commands) {
    out << "_briefings_" << command.name << "() {\n  _arguments -s -S";
    for (const OptionDoc& o : command.options) out << " \\\n    " << zsh_option(o);
    for (const OptionDoc& p : command.positionals) out << " \\\n    " << zsh_positional(p);
    out << "\n}\n\n";
  }
  out << "_briefings() {\n  local curcontext=\"$curcontext\" state line\n"
      << "  local -a commands=(\n";
  for (const CommandDoc& c : program.commands) {
    out << "    " << sh_quoted(zsh_text(c.name) + ":" + c.description) << "\n";
  }
  out << "  )\n  _arguments -C";
  for (const OptionDoc& o : program.options) out << " \\\n    " << zsh_option(o);
  out << " \\\n    '1:command:->command' \\\n    '*::argument:->argument'\n"
      << "  case $state in\n"
      << "    command) _describe -t commands '" << program.name << " command' commands ;;\n"
      << "    argument)\n      case $words[1] in\n";
  for (const CommandDoc& c : program.commands) {
    out << "        " << c.name << ") _briefings_" << c.name << " ;;\n";
  }
  out << "      esac\n      ;;\n  esac\n}\n\n_briefings \"$@\"\n";
  return out.str();
}

// --- fish ---------------------------------------------------------------------------------

std::string fish_quoted(const std::string& text) {
  std::string out = "'";
  for (char c : text) {
    if (c == '\\' || c == '\'') out += '\\';
    out += c;
  }
  return out + "'";
}

std::string fish_option(const OptionDoc& o) {
  std::string line;
  for (const auto& n : o.names)
    line += (n.size() == 2 ? " -s " : " -l ") + n.substr(n.rfind('-') + 1);
  switch (o.completes) {
    case Completes::choices:
      line += " -x -a " + fish_quoted(joined(o.choices, " "));
      break;
    case Completes::directories:
      line += " -x -a '(__fish_complete_directories)'";
      break;
    case Completes::files:
      line += " -r -F";
      break;
    case Completes::nothing:
      if (!o.value.empty()) line += " -x";
      break;
  }
  return line + " -d " + fish_quoted(o.description);
}

std::string fish_script(const ProgramDoc& program) {
  std::ostringstream out;
  const std::string c = "complete -c " + program.name;
  out << "# fish completion for " << program.name << ", written by `" << program.name
      << " --generate-completion fish`\n# from the program's own option definitions.\n\n"
      << c << " -f\n";
  for (const OptionDoc& o : program.options) {
    out << c << " -n __fish_use_subcommand" << fish_option(o) << "\n";
  }
  for (const CommandDoc& command : program.commands) {
    out << c << " -n __fish_use_subcommand -a " << command.name << " -d "
        << fish_quoted(command.description) << "\n";
  }
  for (const CommandDoc& command : program.commands) {
    const std::string when = c + " -n '__fish_seen_subcommand_from " + command.name + "'";
    out << "\n";
    for (const OptionDoc& o : command.options) out << when << fish_option(o) << "\n";
    if (positional_files(command)) out << when << " -F\n";
  }
  return out.str();
}

}  // namespace

std::string completion_script(const ProgramDoc& program, const std::string& shell) {
  if (shell == "bash") return bash_script(program);
  if (shell == "zsh") return zsh_script(program);
  if (shell == "fish") return fish_script(program);
  throw std::logic_error("no completion for the shell " + shell);
}

}  // namespace briefings::cli
