print("brugerinformation")
