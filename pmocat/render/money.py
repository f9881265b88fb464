"""Money in words, with the PMO's currency: "£4,500", "1,200.50 CHF"."""

from __future__ import annotations

from decimal import Decimal

SYMBOLS = {"GBP": "£", "EUR": "€", "USD": "$", "AUD": "A$", "CAD": "C$", "NZD": "NZ$",
           "JPY": "¥", "INR": "₹"}


def money(amount: Decimal, currency: str) -> str:
    whole = amount == amount.to_integral_value()
    figure = f"{amount:,.0f}" if whole else f"{amount:,.2f}"
    symbol = SYMBOLS.get(currency)
    return f"{symbol}{figure}" if symbol else f"{figure} {currency}"
