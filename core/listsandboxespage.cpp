#include "core/listsandboxespage.h"

#include "core/jsonresponse.h"
#include "core/stringtable.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QMutex>

namespace Orkestr {

using namespace Qt::StringLiterals;

namespace {

// The strings every listing's sandboxes share: one table for the process, as pages are parsed on
// pool threads.
struct SharedStrings
{
    QMutex mutex;
    StringTable table;
};
Q_GLOBAL_STATIC(SharedStrings, sharedStrings)

constexpr QByteArrayView CursorKey = "\"next_cursor\"";
constexpr QByteArrayView Null = "null";

bool isJsonSpace(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

// The body read forwards from its start or backwards from its end, one JSON token at a time.
class Scanner
{
public:
    explicit Scanner(QByteArrayView body)
        : m_body(body)
        , m_end(body.size())
    {
    }

    // Forwards: `{ "next_cursor" : <value>` followed by `,` or `}`.
    std::optional<QString> first()
    {
        if (!takeFront('{') || !takeFront(CursorKey) || !takeFront(':'))
            return std::nullopt;
        std::optional<QString> value;
        if (takeFront(Null)) {
            value = QString();
        } else if (skipFront(); m_begin < m_end && m_body[m_begin] == '"') {
            const qsizetype close = m_body.indexOf('"', m_begin + 1);
            if (close < 0)
                return std::nullopt;
            value = plainString(m_body.sliced(m_begin + 1, close - m_begin - 1));
            m_begin = close + 1;
        }
        if (!value || !(peekFront(',') || peekFront('}')))
            return std::nullopt;
        return value;
    }

    // Backwards: `,` or `{` before `"next_cursor" : <value> }` at the very end.
    std::optional<QString> last()
    {
        if (!takeBack('}'))
            return std::nullopt;
        std::optional<QString> value;
        if (takeBack(Null)) {
            value = QString();
        } else if (skipBack(); m_end > m_begin && m_body[m_end - 1] == '"') {
            const qsizetype open = m_body.first(m_end - 1).lastIndexOf('"');
            if (open < m_begin)
                return std::nullopt;
            value = plainString(m_body.sliced(open + 1, m_end - 1 - open - 1));
            m_end = open;
        }
        // An escaped quote is no opening quote: the character before it is then a backslash.
        if (!value || !takeBack(':') || !takeBack(CursorKey) || !(peekBack(',') || peekBack('{')))
            return std::nullopt;
        return value;
    }

private:
    // The text of a string without escapes; none when it has any (the parser decodes those).
    static std::optional<QString> plainString(QByteArrayView text)
    {
        if (text.contains('\\'))
            return std::nullopt;
        return QString::fromUtf8(text);
    }
    void skipFront()
    {
        while (m_begin < m_end && isJsonSpace(m_body[m_begin]))
            ++m_begin;
    }
    void skipBack()
    {
        while (m_end > m_begin && isJsonSpace(m_body[m_end - 1]))
            --m_end;
    }
    bool takeFront(QByteArrayView token)
    {
        skipFront();
        if (!m_body.sliced(m_begin, m_end - m_begin).startsWith(token))
            return false;
        m_begin += token.size();
        return true;
    }
    bool takeFront(char c) { return takeFront(QByteArrayView(&c, 1)); }
    bool peekFront(char c)
    {
        skipFront();
        return m_begin < m_end && m_body[m_begin] == c;
    }
    bool takeBack(QByteArrayView token)
    {
        skipBack();
        if (!m_body.sliced(m_begin, m_end - m_begin).endsWith(token))
            return false;
        m_end -= token.size();
        return true;
    }
    bool takeBack(char c) { return takeBack(QByteArrayView(&c, 1)); }
    bool peekBack(char c)
    {
        skipBack();
        return m_end > m_begin && m_body[m_end - 1] == c;
    }

    QByteArrayView m_body;
    qsizetype m_begin = 0;
    qsizetype m_end = 0;
};

} // namespace

std::optional<QString> peekNextCursor(QByteArrayView body)
{
    if (auto cursor = Scanner(body).first())
        return cursor;
    return Scanner(body).last();
}

SandboxPage parseSandboxPage(QByteArray body)
{
    SandboxPage page;
    QJsonObject object;
    page.error = parseJsonObject(body, &object);
    body = QByteArray(); // the document holds what is needed of it
    if (page.error.isError())
        return page;
    if (!object.value(u"sandboxes"_s).isArray()) {
        page.error
            = ApiError(ApiError::Kind::Orkestr, u"invalid_response"_s,
                       QCoreApplication::translate("Orkestr::ListSandboxesJob",
                                                   "The server's sandbox list has no \"sandboxes\" array."));
        return page;
    }
    {
        // The document's array, dropped as soon as the sandboxes are read: a page is in memory once.
        const auto items = object.take(u"sandboxes"_s).toArray();
        page.sandboxes.reserve(items.size());
        for (const auto &item : items)
            page.sandboxes.append(Sandbox::fromJson(item.toObject()));
    }
    auto *strings = sharedStrings();
    const QMutexLocker lock(&strings->mutex);
    for (auto &sandbox : page.sandboxes)
        sandbox.shareStrings(strings->table);
    page.nextCursor = object.value(u"next_cursor"_s).toString();
    return page;
}

} // namespace Orkestr
