"""How long a word must be, and may be, for the analysis to treat it as one (one place for every rule).

The longest real word in SaudiNewsNet's 8.9M Arabic tokens has 18 letters once folded
(الكورتيكوستيرويدات); every longer token (0.001%) is words run together, a hashtag or letters
stretched for effect. Longer tokens are still indexed as they are, but never stemmed, rooted or
cached: a stream of unique 9,990-letter "words" must not grow a worker's memory.
"""

MAX_WORD_LEN = 20
# The raw token may carry a haraka and a shadda (or tatweel) after each letter.
MAX_TOKEN_LEN = 3 * MAX_WORD_LEN
# The light stemmer never cuts a word of this many letters or fewer, nor leaves fewer (after the
# article alone, two: analyzers/clitics.py): كتب, ملك, بيت are words, not clitic + two letters.
MIN_STEM = 3
