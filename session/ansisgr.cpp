#include "session/ansisgr.h"

#include <algorithm>

namespace OrkestrSession {

namespace {

// The control characters the parser acts on: C0 (ESC, BEL, CAN, SUB), DEL, and the C1 controls
// that start or end a sequence (DCS, SOS, CSI, ST, OSC, PM, APC).
enum Control : char16_t { Bel = 0x07, Can = 0x18, Sub = 0x1a, Esc = 0x1b, Del = 0x7f };
enum C1 : char16_t { Dcs = 0x90, Sos = 0x98, Csi = 0x9b, St = 0x9c, Osc = 0x9d, Pm = 0x9e, Apc = 0x9f };
constexpr int MaxParameterValue = 65535;

// Characters that plain text never holds: C0 controls but newline and tab, DEL and C1 controls.
bool isControl(char16_t c)
{
    return (c < 0x20 && c != u'\n' && c != u'\t') || (c >= Del && c <= Apc);
}

bool isC1String(char16_t c)
{
    return c == Dcs || c == Sos || c == Osc || c == Pm || c == Apc;
}

} // namespace

quint32 AnsiColor::toRgb(quint32 fallback) const
{
    if (kind == Kind::Default)
        return fallback;
    if (kind == Kind::Rgb)
        return rgb;
    static constexpr quint32 Basic[16]
        = {0x000000, 0xcd0000, 0x00cd00, 0xcdcd00, 0x0000ee, 0xcd00cd, 0x00cdcd, 0xe5e5e5,
           0x7f7f7f, 0xff0000, 0x00ff00, 0xffff00, 0x5c5cff, 0xff00ff, 0x00ffff, 0xffffff};
    if (index < 16)
        return Basic[index];
    if (index < 232) {
        // The 6x6x6 cube: levels 0, 95, 135, 175, 215, 255.
        const int i = index - 16;
        const auto level = [](int v) {
            return quint32(v == 0 ? 0 : 55 + v * 40);
        };
        return (level(i / 36) << 16) | (level(i / 6 % 6) << 8) | level(i % 6);
    }
    const quint32 grey = 8 + (index - 232) * 10;
    return (grey << 16) | (grey << 8) | grey;
}

void AnsiSgrParser::reset()
{
    m_state = State::Text;
    m_style = {};
    m_paramCount = 0;
    m_csiIgnored = false;
    m_stringLength = 0;
}

QList<AnsiRun> AnsiSgrParser::parse(QStringView text)
{
    AnsiSgrParser parser;
    return parser.feed(text);
}

QString AnsiSgrParser::stripped(QStringView text)
{
    QString plain;
    plain.reserve(text.size());
    for (const auto &run : parse(text))
        plain += run.text;
    return plain;
}

void AnsiSgrParser::append(QList<AnsiRun> &runs, QStringView text) const
{
    if (text.isEmpty())
        return;
    if (!runs.isEmpty() && runs.last().style == m_style)
        runs.last().text += text;
    else
        runs.append({text.toString(), m_style});
}

void AnsiSgrParser::beginCsi()
{
    m_state = State::Csi;
    m_paramCount = 1;
    m_params[0] = {};
    m_csiIgnored = false;
}

void AnsiSgrParser::beginString()
{
    m_state = State::String;
    m_stringLength = 0;
}

void AnsiSgrParser::execute(QList<AnsiRun> &runs, char16_t c) const
{
    // Newline and tab take effect inside a sequence, as on a terminal; other controls are dropped.
    if (c == u'\n' || c == u'\t')
        append(runs, QStringView(&c, 1));
}

bool AnsiSgrParser::interrupt(QList<AnsiRun> &runs, char16_t c)
{
    if (c == Esc)
        m_state = State::Escape; // the sequence is abandoned; a new one starts
    else if (c == Can || c == Sub)
        m_state = State::Text;
    else if (c < 0x20)
        execute(runs, c);
    else if (c != Del) { // DEL is ignored inside a sequence
        m_state = State::Text;
        return false;
    }
    return true;
}

QList<AnsiRun> AnsiSgrParser::feed(QStringView chunk)
{
    QList<AnsiRun> runs;
    qsizetype i = 0;
    while (i < chunk.size()) {
        if (m_state == State::Text) {
            // Plain text up to the next control character goes in one piece.
            qsizetype end = i;
            while (end < chunk.size() && !isControl(chunk[end].unicode()))
                ++end;
            append(runs, chunk.sliced(i, end - i));
            i = end;
            if (i == chunk.size())
                break;
        }
        const char16_t c = chunk[i++].unicode();
        switch (m_state) {
        case State::Text:
            if (c == Esc)
                m_state = State::Escape;
            else if (c == Csi)
                beginCsi();
            else if (isC1String(c))
                beginString();
            break; // any other control character is dropped
        case State::Escape:
            if (c == u'[')
                beginCsi();
            else if (c == u']' || c == u'P' || c == u'X' || c == u'^' || c == u'_')
                beginString();
            else if (c >= 0x20 && c <= 0x2f)
                m_state = State::EscapeIntermediate;
            else if (c >= 0x30 && c <= 0x7e)
                m_state = State::Text; // a two-character escape (ESC 7, ESC c, ESC =, ...)
            else if (!interrupt(runs, c))
                --i; // not part of an escape: read it as text
            break;
        case State::EscapeIntermediate:
            if (c >= 0x30 && c <= 0x7e)
                m_state = State::Text; // e.g. ESC ( B, a character set
            else if ((c < 0x20 || c > 0x2f) && !interrupt(runs, c)) // 0x20-0x2f: more intermediates
                --i;
            break;
        case State::Csi:
            if (c >= 0x20 && c <= 0x7e)
                csi(c);
            else if (!interrupt(runs, c))
                --i;
            break;
        case State::String:
            if (c == Bel || c == St || c == Can || c == Sub)
                m_state = State::Text;
            else if (c == Esc)
                m_state = State::StringEscape;
            else if (++m_stringLength > MaxStringLength)
                m_state = State::Text; // unterminated: what follows is text again
            break;
        case State::StringEscape:
            // ESC \ is the string terminator; an ESC followed by anything else ends the string
            // and starts a new sequence.
            m_state = State::Escape;
            if (c != u'\\')
                --i;
            else
                m_state = State::Text;
            break;
        }
    }
    return runs;
}

void AnsiSgrParser::csi(char16_t u)
{
    if (u >= u'0' && u <= u'9') {
        Parameter &p = m_params[m_paramCount - 1];
        p.value = std::min((p.value < 0 ? 0 : p.value) * 10 + (u - u'0'), MaxParameterValue);
    } else if (u == u';' || u == u':') {
        if (m_paramCount == MaxParameters)
            m_csiIgnored = true;
        else
            m_params[m_paramCount++] = {-1, u == u':'};
    } else if (u >= u'<' && u <= u'?') {
        m_csiIgnored = true; // a private sequence (ESC [ ? 25 h ...)
    } else if (u >= 0x20 && u <= 0x2f) {
        m_csiIgnored = true; // an intermediate: not SGR
    } else { // the final character
        m_state = State::Text;
        if (u == u'm' && !m_csiIgnored)
            applySgr();
    }
}

int AnsiSgrParser::extendedColor(int at, AnsiColor *color) const
{
    const auto valid = [](int v) {
        return v >= 0 && v <= 255;
    };
    // ITU form with colons: 38:5:n, 38:2:r:g:b or 38:2:space:r:g:b.
    if (at + 1 < m_paramCount && m_params[at + 1].sub) {
        int subs[6];
        int n = 0;
        for (int i = at + 1; i < m_paramCount && m_params[i].sub; ++i, ++n) {
            if (n < 6)
                subs[n] = m_params[i].value;
        }
        if (n >= 2 && subs[0] == 5 && valid(subs[1]))
            *color = AnsiColor::indexed(subs[1]);
        else if (subs[0] == 2 && (n == 4 || n >= 5)) {
            const int first = n == 4 ? 1 : 2;
            if (valid(subs[first]) && valid(subs[first + 1]) && valid(subs[first + 2]))
                *color = AnsiColor::fromRgb(subs[first], subs[first + 1], subs[first + 2]);
        }
        return n;
    }
    // The common form with semicolons: 38;5;n or 38;2;r;g;b.
    const auto param = [this](int i) {
        return std::max(m_params[i].value, 0);
    };
    if (at + 1 >= m_paramCount)
        return 0;
    if (param(at + 1) == 5) {
        if (at + 2 >= m_paramCount)
            return m_paramCount - at - 1;
        if (valid(param(at + 2)))
            *color = AnsiColor::indexed(param(at + 2));
        return 2;
    }
    if (param(at + 1) == 2) {
        if (at + 4 >= m_paramCount)
            return m_paramCount - at - 1;
        if (valid(param(at + 2)) && valid(param(at + 3)) && valid(param(at + 4)))
            *color = AnsiColor::fromRgb(param(at + 2), param(at + 3), param(at + 4));
        return 4;
    }
    return 1; // an unknown colour space: its selector is skipped
}

bool AnsiSgrParser::applyColour(int p, int base, int at, int *consumed, AnsiColor *colour) const
{
    // base..base+7 the eight colours, base+60.. their bright forms, base+8 extended, base+9 default.
    if (p >= base && p <= base + 7)
        *colour = AnsiColor::indexed(p - base);
    else if (p >= base + 60 && p <= base + 67)
        *colour = AnsiColor::indexed(p - base - 60 + 8);
    else if (p == base + 8)
        *consumed = extendedColor(at, colour);
    else if (p == base + 9)
        *colour = {};
    else
        return false;
    return true;
}

void AnsiSgrParser::applySgr()
{
    struct Attribute
    {
        int code;
        bool AnsiStyle::*flag;
        bool on;
    };
    static constexpr Attribute Attributes[] = {
        {1, &AnsiStyle::bold, true},        {3, &AnsiStyle::italic, true},    {7, &AnsiStyle::inverse, true},
        {21, &AnsiStyle::underline, true},  {22, &AnsiStyle::bold, false},    {23, &AnsiStyle::italic, false},
        {24, &AnsiStyle::underline, false}, {27, &AnsiStyle::inverse, false},
    };
    for (int i = 0; i < m_paramCount; ++i) {
        // Sub-parameters belong to the parameter before them; only 4:n (underline styles) and the
        // colours read theirs.
        if (m_params[i].sub)
            continue;
        const int p = std::max(m_params[i].value, 0);
        int consumed = 0;
        if (p == 0) {
            m_style = {};
        } else if (p == 4) {
            const bool hasSubs = i + 1 < m_paramCount && m_params[i + 1].sub;
            m_style.underline = !hasSubs || m_params[i + 1].value != 0;
        } else if (const auto *attribute = std::find_if(std::begin(Attributes), std::end(Attributes),
                                                        [p](const Attribute &a) { return a.code == p; });
                   attribute != std::end(Attributes)) {
            m_style.*(attribute->flag) = attribute->on;
        } else if (!applyColour(p, 30, i, &consumed, &m_style.foreground)
                   && !applyColour(p, 40, i, &consumed, &m_style.background) && p == 58) {
            AnsiColor ignored; // the underline colour: read, not shown
            consumed = extendedColor(i, &ignored);
        }
        // Others (blink, faint, fonts, ...) are not shown.
        i += consumed;
    }
}

} // namespace OrkestrSession
