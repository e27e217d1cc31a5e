#pragma once

#include <QList>
#include <QString>
#include <QStringView>

#include <cstdint>

namespace OrkestrSession {

// A colour of terminal output: the terminal's default, one of the 256 indexed colours (0-15 are
// the theme's, 16-255 the xterm cube and greys), or direct RGB.
struct AnsiColor
{
    enum class Kind : quint8 { Default, Indexed, Rgb };
    Kind kind = Kind::Default;
    quint8 index = 0; // Indexed
    quint32 rgb = 0; // Rgb: 0xRRGGBB

    static AnsiColor indexed(int index) { return {Kind::Indexed, quint8(index), 0}; }
    static AnsiColor fromRgb(int r, int g, int b)
    {
        return {Kind::Rgb, 0, quint32((r << 16) | (g << 8) | b)};
    }
    bool isDefault() const { return kind == Kind::Default; }
    // 0xRRGGBB of an indexed or RGB colour, with xterm's values for 0-15 (a widget may use its
    // theme's instead); `fallback` for the default.
    quint32 toRgb(quint32 fallback) const;
    friend bool operator==(const AnsiColor &, const AnsiColor &) = default;
};

struct AnsiStyle
{
    AnsiColor foreground;
    AnsiColor background;
    bool bold = false;
    bool italic = false;
    bool underline = false;
    bool inverse = false; // foreground and background swapped when painted

    bool isPlain() const { return *this == AnsiStyle {}; }
    friend bool operator==(const AnsiStyle &, const AnsiStyle &) = default;
};

// A piece of text in one style.
struct AnsiRun
{
    QString text;
    AnsiStyle style;
    friend bool operator==(const AnsiRun &, const AnsiRun &) = default;
};

// Turns terminal output into styled runs of plain text: SGR sequences (ESC [ … m) set the style;
// every other escape (cursor moves, erasing, titles, hyperlinks, private modes) is removed
// without a trace, as are control characters other than newline and tab. A sequence cut between
// two chunks is completed by the next feed(), so output can be parsed as it arrives; feeding a
// text in any split gives the same runs (merged) as feeding it whole.
//
// Robust against hostile output: parameters are bounded, and a string sequence (OSC, DCS, …)
// left unterminated gives up after MaxStringLength characters, so a stray ESC ] cannot swallow
// the rest of the output.
class AnsiSgrParser
{
public:
    static constexpr int MaxStringLength = 4096;
    static constexpr int MaxParameters = 32;

    // The runs of this chunk's text, adjacent runs of one style merged. Text that ends inside an
    // escape sequence is kept until the next chunk.
    QList<AnsiRun> feed(QStringView chunk);
    // The style the next text gets.
    AnsiStyle style() const { return m_style; }
    // Whether an escape sequence is incomplete (waiting for the next chunk).
    bool inSequence() const { return m_state != State::Text; }
    // Forgets an incomplete sequence and the style.
    void reset();

    // Convenience: the runs of a whole text.
    static QList<AnsiRun> parse(QStringView text);
    // The text without any escape sequence.
    static QString stripped(QStringView text);

private:
    enum class State : quint8 { Text, Escape, EscapeIntermediate, Csi, String, StringEscape };

    void append(QList<AnsiRun> &runs, QStringView text) const;
    void execute(QList<AnsiRun> &runs, char16_t c) const;
    // A character a sequence has no use for: ESC starts another, CAN and SUB cancel, newline and
    // tab take effect; false when it ends the sequence and is to be read as text.
    bool interrupt(QList<AnsiRun> &runs, char16_t c);
    void beginCsi();
    void beginString();
    void csi(char16_t c);
    void applySgr();
    int extendedColor(int at, AnsiColor *color) const;
    // One colour parameter of the group starting at `base` (30 foreground, 40 background); false
    // when `p` is not one.
    bool applyColour(int p, int base, int at, int *consumed, AnsiColor *colour) const;

    State m_state = State::Text;
    AnsiStyle m_style;
    // The CSI being read: parameters (with ':' sub-parameters marked), private marker,
    // intermediates.
    struct Parameter
    {
        int value = -1; // -1: empty (default)
        bool sub = false; // joined to the previous one with ':'
    };
    Parameter m_params[MaxParameters];
    int m_paramCount = 0;
    bool m_csiIgnored = false; // private marker, intermediate or too many parameters: not SGR
    int m_stringLength = 0;
};

} // namespace OrkestrSession
