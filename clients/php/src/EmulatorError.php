<?php

declare(strict_types=1);

namespace B24Emulator;

/** The emulator refused a control request: its HTTP status and Bitrix24-style error. */
final class EmulatorError extends \RuntimeException
{
    public function __construct(public readonly int $status, public readonly string $error, public readonly string $description)
    {
        parent::__construct("$status $error: $description", $status);
    }
}
