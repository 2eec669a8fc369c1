<?php

declare(strict_types=1);

namespace B24Emulator;

/**
 * What assertCalled and assertDelivered throw. PHPUnit reports it as a failure with the message (what was called or
 * delivered instead), whatever its version: it extends \AssertionError, as PHPUnit's own failures do not need to.
 */
final class AssertionFailed extends \AssertionError
{
}
