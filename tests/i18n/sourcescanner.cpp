#include "sourcescanner.h"

#include <QDirIterator>
#include <QFile>
#include <QHash>
#include <QRegularExpression>
#include <QSet>

using namespace Qt::StringLiterals;

namespace I18nCheck {

namespace {

// Which arguments of a text call hold text; an empty list means all of them.
QHash<QString, QList<int>> textCalls()
{
    QHash<QString, QList<int>> calls;
    const QList<int> all;
    for (const char *name : {"QLabel",
                             "QPushButton",
                             "QToolButton",
                             "QCheckBox",
                             "QRadioButton",
                             "QGroupBox",
                             "QAction",
                             "QMenu",
                             "QCommandLinkButton",
                             "QMessageBox",
                             "QFileDialog",
                             "QProgressDialog",
                             "addAction",
                             "addMenu",
                             "addTab",
                             "insertTab",
                             "QMessageBox::information",
                             "QMessageBox::question",
                             "QMessageBox::warning",
                             "QMessageBox::critical",
                             "QMessageBox::about",
                             "QInputDialog::getText",
                             "QInputDialog::getInt",
                             "QInputDialog::getDouble",
                             "QInputDialog::getItem",
                             "QInputDialog::getMultiLineText",
                             "QFileDialog::getOpenFileName",
                             "QFileDialog::getOpenFileNames",
                             "QFileDialog::getSaveFileName",
                             "QFileDialog::getExistingDirectory",
                             "QFileDialog::getOpenFileUrl",
                             "QFileDialog::getSaveFileUrl",
                             "QFileDialog::getExistingDirectoryUrl"})
        calls.insert(QString::fromLatin1(name), all);
    for (const char *name : {"setText",
                             "setWindowTitle",
                             "setToolTip",
                             "setPlaceholderText",
                             "setStatusTip",
                             "setWhatsThis",
                             "setTitle",
                             "setLabelText",
                             "setHeaderLabels",
                             "setHorizontalHeaderLabels",
                             "setVerticalHeaderLabels",
                             "setInformativeText",
                             "setDetailedText",
                             "setAccessibleName",
                             "setAccessibleDescription",
                             "setErrorString",
                             "showMessage",
                             "setPrefix",
                             "setSuffix",
                             "setSpecialValueText",
                             "setNameFilter",
                             "setNameFilters",
                             "setWindowIconText",
                             "setOkButtonText",
                             "setCancelButtonText",
                             "setFormat",
                             "addItem",
                             "addRow",
                             "connectionError"})
        calls.insert(QString::fromLatin1(name), {0});
    for (const char *name :
         {"setTabText", "setTabToolTip", "setTabWhatsThis", "setItemText", "setButtonText"})
        calls.insert(QString::fromLatin1(name), {1});
    // ApiError(kind, type, message, …): the type is an API code, the message is shown to the user.
    // setHeaderData(section, orientation, value, role).
    calls.insert(u"ApiError"_s, {2});
    calls.insert(u"setHeaderData"_s, {2});
    return calls;
}

// A literal directly inside one of these is marked for translation or is not text.
const QSet<QString> &exemptCalls()
{
    static const QSet<QString> names {
        u"tr"_s,
        u"translate"_s,
        u"QT_TR_NOOP"_s,
        u"QT_TRANSLATE_NOOP"_s,
        u"QT_TR_N_NOOP"_s,
        u"qtTrId"_s,
        u"QT_TRID_NOOP"_s,
        u"QKeySequence"_s, // shortcuts
        u"toString"_s, // date, time and number formats
        u"fromTheme"_s,
        u"QIcon"_s, // icon names
        u"setObjectName"_s,
        u"property"_s,
        u"setProperty"_s, // object names and property names
    };
    return names;
}

// Looked through when deciding which call a literal sits in.
const QSet<QString> &literalWrappers()
{
    static const QSet<QString> names {u"QStringLiteral"_s, u"QLatin1String"_s,    u"QLatin1StringView"_s,
                                      u"QStringView"_s,    u"QString"_s,          u"fromUtf8"_s,
                                      u"fromLatin1"_s,     u"QByteArrayLiteral"_s};
    return names;
}

struct Token
{
    enum class Kind { Identifier, String, Punctuation };
    Kind kind;
    QString text; // the identifier, the punctuation, or the literal's content without quotes
    int line;
};

bool isIdentifierStart(QChar c)
{
    return c.isLetter() || c == u'_';
}

bool isIdentifierChar(QChar c)
{
    return c.isLetterOrNumber() || c == u'_';
}

QList<Token> tokenize(const QString &s)
{
    QList<Token> tokens;
    int line = 1;
    qsizetype i = 0;
    const qsizetype n = s.size();
    auto at = [&](qsizetype k) {
        return k < n ? s[k] : QChar();
    };
    // Reads a quoted literal starting at the quote s[i]; returns its content, advances i past it.
    auto quoted = [&](QChar quote) {
        const qsizetype start = ++i;
        while (i < n && s[i] != quote) {
            if (s[i] == u'\\')
                ++i;
            else if (s[i] == u'\n')
                ++line;
            ++i;
        }
        const QString content = s.mid(start, i - start);
        ++i; // the closing quote
        return content;
    };
    bool lineStart = true;
    while (i < n) {
        const QChar c = s[i];
        if (c == u'\n') {
            ++line;
            ++i;
            lineStart = true;
            continue;
        }
        if (c.isSpace()) {
            ++i;
            continue;
        }
        if (lineStart && c == u'#') {
            // A preprocessor line (with its continuations): #include "…" is no text.
            while (i < n && s[i] != u'\n') {
                if (s[i] == u'\\' && at(i + 1) == u'\n') {
                    ++line;
                    ++i;
                }
                ++i;
            }
            continue;
        }
        lineStart = false;
        if (c == u'/' && at(i + 1) == u'/') {
            while (i < n && s[i] != u'\n')
                ++i;
            continue;
        }
        if (c == u'/' && at(i + 1) == u'*') {
            i += 2;
            while (i < n && !(s[i] == u'*' && at(i + 1) == u'/')) {
                if (s[i] == u'\n')
                    ++line;
                ++i;
            }
            i += 2;
            continue;
        }
        if (isIdentifierStart(c)) {
            const qsizetype start = i;
            while (i < n && isIdentifierChar(s[i]))
                ++i;
            const QString word = s.mid(start, i - start);
            static const QSet<QString> prefixes {u"u"_s, u"U"_s, u"L"_s, u"u8"_s};
            static const QSet<QString> rawPrefixes {u"R"_s, u"uR"_s, u"UR"_s, u"LR"_s, u"u8R"_s};
            if (at(i) == u'"' && rawPrefixes.contains(word)) {
                // R"delim( … )delim"
                const qsizetype open = s.indexOf(u'(', i);
                const QString delimiter = s.mid(i + 1, open - i - 1);
                const QString close = u')' + delimiter + u'"';
                const qsizetype end = s.indexOf(close, open);
                const QString content = s.mid(open + 1, end - open - 1);
                tokens.append({Token::Kind::String, content, line});
                line += int(content.count(u'\n'));
                i = end + close.size();
            } else if (at(i) == u'"' && prefixes.contains(word)) {
                const int startLine = line;
                tokens.append({Token::Kind::String, quoted(u'"'), startLine});
            } else if (at(i) == u'\'' && prefixes.contains(word)) {
                quoted(u'\''); // a character literal: never a text
                continue;
            } else {
                tokens.append({Token::Kind::Identifier, word, line});
                continue;
            }
            while (i < n && isIdentifierChar(s[i])) // a user-defined literal suffix: _s, _L1
                ++i;
            continue;
        }
        if (c.isDigit()) {
            // Numbers, with digit separators (1'000) and suffixes.
            while (i < n && (isIdentifierChar(s[i]) || s[i] == u'.' || s[i] == u'\''))
                ++i;
            continue;
        }
        if (c == u'"') {
            const int startLine = line;
            tokens.append({Token::Kind::String, quoted(u'"'), startLine});
            while (i < n && isIdentifierChar(s[i]))
                ++i;
            continue;
        }
        if (c == u'\'') {
            quoted(u'\'');
            continue;
        }
        if (c == u':' && at(i + 1) == u':') {
            tokens.append({Token::Kind::Punctuation, u"::"_s, line});
            i += 2;
            continue;
        }
        if (c == u'-' && at(i + 1) == u'>') {
            tokens.append({Token::Kind::Punctuation, u"->"_s, line});
            i += 2;
            continue;
        }
        tokens.append({Token::Kind::Punctuation, QString(c), line});
        ++i;
    }
    return tokens;
}

bool hasLetter(const QString &literal)
{
    static const QRegularExpression escapes(
        u"\\\\(x[0-9A-Fa-f]+|u[0-9A-Fa-f]{4}|U[0-9A-Fa-f]{8}|[0-7]{1,3}|.)"_s);
    QString text = literal;
    text.remove(escapes);
    return std::any_of(text.cbegin(), text.cend(), [](QChar c) { return c.isLetter(); });
}

bool isPunct(const Token &token, QStringView text)
{
    return token.kind == Token::Kind::Punctuation && token.text == text;
}

} // namespace

QList<AllowedText> allowList()
{
    return {
        {u"https://api.orkestr.eu"_s,
         u"the example address in the server URL field: an address, the same in every "
         u"language"_s},
    };
}

namespace {

// The unmarked literals in tokens [begin, end): rule 2 of sourcescanner.h. skipBraces: literals
// in braces (a lambda's body in an argument) are left to the scan of their own statements.
void checkLiterals(const QList<Token> &tokens, qsizetype begin, qsizetype end, bool skipBraces,
                   const QString &call, const QString &file, const QSet<QString> &allowed,
                   QList<Violation> *violations)
{
    QStringList stack; // the calls the tokens sit in, innermost last; "" for a bare parenthesis
    int braces = 0;
    for (qsizetype k = begin; k < end; ++k) {
        const Token &t = tokens[k];
        if (t.kind == Token::Kind::Punctuation) {
            if (t.text == u"{") {
                ++braces;
            } else if (t.text == u"}") {
                --braces;
            } else if (t.text == u"(") {
                const bool named = k > 0 && tokens[k - 1].kind == Token::Kind::Identifier;
                stack.append(named ? tokens[k - 1].text : QString());
            } else if (t.text == u")" && !stack.isEmpty()) {
                stack.removeLast();
            }
            continue;
        }
        if (t.kind != Token::Kind::String || (skipBraces && braces > 0))
            continue;
        QString enclosing;
        for (auto it = stack.crbegin(); it != stack.crend(); ++it) {
            if (!literalWrappers().contains(*it)) {
                enclosing = *it;
                break;
            }
        }
        if (exemptCalls().contains(enclosing) || !hasLetter(t.text) || allowed.contains(t.text))
            continue;
        violations->append({file, t.line, call, t.text});
    }
}

// The index of the token that closes the bracket opened at tokens[open], or tokens.size().
qsizetype closing(const QList<Token> &tokens, qsizetype open)
{
    const QString opening = tokens[open].text;
    const QString closer = opening == u"(" ? u")"_s : opening == u"[" ? u"]"_s : u"}"_s;
    int depth = 0;
    for (qsizetype k = open; k < tokens.size(); ++k) {
        if (tokens[k].kind != Token::Kind::Punctuation)
            continue;
        if (tokens[k].text == opening)
            ++depth;
        else if (tokens[k].text == closer && --depth == 0)
            return k;
    }
    return tokens.size();
}

} // namespace

QList<Violation> scanSource(const QString &source, const QString &file)
{
    static const QHash<QString, QList<int>> calls = textCalls();
    QSet<QString> allowed;
    for (const auto &entry : allowList())
        allowed.insert(entry.text);

    const QList<Token> tokens = tokenize(source);
    QList<Violation> violations;
    for (qsizetype i = 0; i + 1 < tokens.size(); ++i) {
        const Token &token = tokens[i];
        if (token.kind != Token::Kind::Identifier || !isPunct(tokens[i + 1], u"("))
            continue;

        // Rule 1b: the body of a model's headerData() returns column titles.
        if (token.text == u"headerData") {
            qsizetype k = closing(tokens, i + 1) + 1;
            while (k < tokens.size() && tokens[k].kind == Token::Kind::Identifier) // const, override
                ++k;
            if (k < tokens.size() && isPunct(tokens[k], u"{"))
                checkLiterals(tokens, k + 1, closing(tokens, k), false, token.text, file, allowed,
                              &violations);
            continue;
        }

        QString name = token.text;
        if (i >= 2 && isPunct(tokens[i - 1], u"::") && tokens[i - 2].kind == Token::Kind::Identifier
            && calls.contains(tokens[i - 2].text + u"::"_s + name))
            name = tokens[i - 2].text + u"::"_s + name;
        const auto call = calls.constFind(name);
        if (call == calls.cend())
            continue;

        // The arguments: token ranges split at the commas of this call's own parentheses.
        QList<std::pair<qsizetype, qsizetype>> arguments;
        qsizetype argumentStart = i + 2;
        int depth = 1;
        for (qsizetype j = i + 2; j < tokens.size() && depth > 0; ++j) {
            const Token &t = tokens[j];
            if (t.kind != Token::Kind::Punctuation)
                continue;
            if (t.text == u"(" || t.text == u"[" || t.text == u"{") {
                ++depth;
            } else if (t.text == u")" || t.text == u"]" || t.text == u"}") {
                if (--depth == 0)
                    arguments.append({argumentStart, j});
            } else if (t.text == u"," && depth == 1) {
                arguments.append({argumentStart, j});
                argumentStart = j + 1;
            }
        }
        for (qsizetype a = 0; a < arguments.size(); ++a) {
            if (call->isEmpty() || call->contains(int(a)))
                checkLiterals(tokens, arguments[a].first, arguments[a].second, true, name, file, allowed,
                              &violations);
        }
        // Calls nested in the arguments (a setText in a lambda) are scanned by the outer loop.
    }
    return violations;
}

QList<Violation> scanDirectories(const QStringList &directories)
{
    QList<Violation> violations;
    for (const QString &directory : directories) {
        QDirIterator it(directory, {u"*.cpp"_s, u"*.h"_s}, QDir::Files, QDirIterator::Subdirectories);
        QStringList files;
        while (it.hasNext())
            files.append(it.next());
        files.sort();
        for (const QString &path : files) {
            QFile file(path);
            if (!file.open(QIODevice::ReadOnly)) {
                violations.append({path, 0, u"(open)"_s, file.errorString()});
                continue;
            }
            violations.append(scanSource(QString::fromUtf8(file.readAll()), path));
        }
    }
    return violations;
}

} // namespace I18nCheck
