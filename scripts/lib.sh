# Shared by scripts/kiosk, scripts/install-kiosk, scripts/test and scripts/bench: find Swift, install
# missing Debian packages, build the programs as installed.

# Installs the named Debian packages that are not installed yet (apt-get update once, then install).
ensure_packages() {
  local missing=() p
  for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  local sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  echo "Installing Debian packages: ${missing[*]}"
  $sudo apt-get update
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y --no-install-recommends "${missing[@]}"
}

# Puts a Swift 6.3 toolchain on PATH, or says where to get one.
ensure_swift() {
  command -v swift >/dev/null 2>&1 && return 0
  for dir in /opt/swift/usr/bin /usr/share/swift/usr/bin; do
    if [ -x "$dir/swift" ]; then export PATH="$dir:$PATH"; return 0; fi
  done
  echo "Swift 6.3 is not installed. Install the Linux toolchain for Debian 12 from swift.org into /opt/swift, then run this again." >&2
  exit 1
}

# Installs the named Python packages that python3 cannot import yet (pip, from PyPI).
# Each argument is MODULE=PACKAGE, e.g. cryptography=cryptography.
ensure_python_modules() {
  local spec
  for spec in "$@"; do
    python3 -c "import ${spec%%=*}" 2>/dev/null && continue
    echo "Installing Python package: ${spec#*=}"
    # A Debian python3 refuses pip without --break-system-packages (PEP 668); a user's Python does not.
    python3 -m pip install --quiet "${spec#*=}" || python3 -m pip install --quiet --break-system-packages "${spec#*=}"
  done
}

# Builds carekiosk and carekiosk-sender as installed, into .build-static/release: the Swift libraries
# linked in (--static-swift-stdlib), which halves the time to the first screen (docs/benchmarks.md).
# Linked that way the sender's networking library needs libcurl's development files (-lcurl).
build_static() {
  local product
  ensure_packages libncurses-dev libssl-dev libicu-dev libespeak-ng-dev libcurl4-openssl-dev
  for product in carekiosk carekiosk-sender; do
    swift build -c release --static-swift-stdlib --scratch-path .build-static --product "$product"
  done
}
