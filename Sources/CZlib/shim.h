// zlib (deflate and CRC-32) for register.xlsx. Every Linux has it; Swift's own Linux
// dependencies include zlib1g-dev, and macOS ships it in the SDK.
#include <zlib.h>
